/**
 * What crosses the worker boundary. Sets cannot be structured-cloned into a useful shape, so
 * the linked ids travel as arrays; errors travel as plain data.
 */
import type { AutomatchInput, AutomatchResult, MatchEntity, MatchKind } from './types';

export interface AutomatchRequest {
  kind: MatchKind;
  left: MatchEntity[];
  right: MatchEntity[];
  linkedLeftIds: string[];
  linkedRightIds: string[];
}

export type AutomatchReply =
  | { ok: true; result: AutomatchResult }
  | { ok: false; error: { name: string; message: string } };

export function toRequest(input: AutomatchInput): AutomatchRequest {
  return {
    kind: input.kind,
    left: input.left,
    right: input.right,
    linkedLeftIds: [...(input.linkedLeftIds ?? [])],
    linkedRightIds: [...(input.linkedRightIds ?? [])],
  };
}

export function fromRequest(req: AutomatchRequest): AutomatchInput {
  return {
    kind: req.kind,
    left: req.left,
    right: req.right,
    linkedLeftIds: new Set(req.linkedLeftIds),
    linkedRightIds: new Set(req.linkedRightIds),
  };
}
