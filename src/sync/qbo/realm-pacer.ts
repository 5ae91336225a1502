/**
 * One pacer per QBO company for everything in this frame: QBO's limits are per company and app,
 * so two gateways pacing alone (a Match tab and a billing run, or two contact-sync drains) could
 * together exceed them. Frames (panel, commands runtime) still pace separately.
 */
import { DEFAULT_PACER_SLACK_MS, Pacer, QBO_LIMITS } from './pacer';

const pacers = new Map<string, Pacer>();

export function realmPacer(realmId: string): Pacer {
  let pacer = pacers.get(realmId);
  if (!pacer) {
    pacer = new Pacer(QBO_LIMITS, undefined, { slackMs: DEFAULT_PACER_SLACK_MS });
    pacers.set(realmId, pacer);
  }
  return pacer;
}
