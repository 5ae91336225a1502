/**
 * Sync History: the contact changes waiting for QuickBooks Online (pending ones, sent
 * automatically; failed ones, Retry and Discard; conflicts, Choose values → the prompt), then
 * the firm's history of everything done (history-list.tsx). It refreshes when the commands
 * runtime reports that the outbox changed.
 */
import { DefaultButton, MessageBar, MessageBarType, PrimaryButton, Spinner, Stack, Text } from '@fluentui/react';
import { useCallback, useEffect, useState } from 'react';
import type { ConflictChoice } from '../../sync/contact-sync/contact-outbox';
import { fieldLabel } from '../../sync/contact-sync/customer-fields';
import { describeError } from '../shared/describe-error';
import { ConflictPrompt } from './conflict-prompt';
import { HistoryList } from './history-list';
import { PANEL_HISTORY_SOURCE, type SyncHistorySource } from './history-source';
import type { ConflictField, PendingList, PendingUpdate, PendingUpdatesService } from './pending-updates-service';

export interface PendingUpdatesViewProps {
  service: PendingUpdatesService;
  /** Where the history of operations is read. @defaultvalue the frame's FirmData */
  history?: SyncHistorySource;
  /** @defaultvalue a browser download */
  download?: (fileName: string, text: string) => void;
}

const STATE_TEXT: Record<PendingUpdate['state'], string> = {
  pending: 'Waiting to be sent',
  failed: 'Failed',
  conflict: 'Needs your decision',
};

function describeUpdate(u: PendingUpdate): string {
  if (u.op === 'create') return 'New customer in QuickBooks Online (or link to the one of the same name)';
  return `Update ${Object.keys(u.fields).map(fieldLabel).join(', ')}`;
}

interface Prompt {
  update: PendingUpdate;
  fields?: ConflictField[];
  error?: string;
  busy?: boolean;
}

export function PendingUpdatesView({ service, history = PANEL_HISTORY_SOURCE, download }: PendingUpdatesViewProps) {
  const [list, setList] = useState<PendingList | undefined>();
  const [historyKey, setHistoryKey] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [busySeq, setBusySeq] = useState<number | undefined>();
  const [prompt, setPrompt] = useState<Prompt | undefined>();

  const refresh = useCallback(async () => {
    try {
      setList(await service.list());
      // The outbox changed: a contact update may have been recorded too.
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setError(describeError('Could not read the contact changes waiting for QuickBooks Online', e));
    }
  }, [service]);

  useEffect(() => {
    void refresh();
    return service.subscribe(() => void refresh());
  }, [service, refresh]);

  async function act(seq: number, what: string, action: () => Promise<void>): Promise<void> {
    setBusySeq(seq);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(describeError(what, e));
    } finally {
      setBusySeq(undefined);
      await refresh();
    }
  }

  async function openPrompt(update: PendingUpdate): Promise<void> {
    setPrompt({ update });
    try {
      const fields = await service.conflictDetails(update.seq);
      setPrompt((p) => (p && p.update.seq === update.seq ? { ...p, fields } : p));
    } catch (e) {
      setPrompt((p) => (p ? { ...p, error: describeError('Could not read the customer in QuickBooks Online', e) } : p));
    }
  }

  async function confirm(choices: Record<string, ConflictChoice>): Promise<void> {
    if (!prompt) return;
    const seq = prompt.update.seq;
    setPrompt({ ...prompt, busy: true, error: undefined });
    try {
      await service.resolve(seq, choices);
      setPrompt(undefined);
    } catch (e) {
      setPrompt((p) => (p ? { ...p, busy: false, error: describeError('Your choice was not saved', e) } : p));
    }
    await refresh();
  }

  return (
    <Stack tokens={{ childrenGap: 12 }} styles={{ root: { padding: 16, maxWidth: 900 } }}>
      <Text as="h1" variant="xLarge" styles={{ root: { margin: 0 } }}>
        Sync History
      </Text>
      <Text as="h2" variant="mediumPlus" styles={{ root: { margin: 0, fontWeight: 600 } }}>
        Contact changes waiting for QuickBooks Online
      </Text>
      {error && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline onDismiss={() => setError(undefined)}>
          {error}
        </MessageBar>
      )}
      {list === undefined && !error && <Spinner label="Loading…" />}
      {list && !list.connected && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          OfficeTools is not connected to QuickBooks Online. Changes made meanwhile are kept and sent once you connect again.
        </MessageBar>
      )}
      {list?.connected && list.updates.length === 0 && <Text>Every contact change has been sent to QuickBooks Online.</Text>}
      {list?.connected && list.updates.length > 0 && (
        <Stack as="ul" tokens={{ childrenGap: 8 }} styles={{ root: { listStyle: 'none', padding: 0, margin: 0 } }} aria-label="Pending contact changes">
          {list.updates.map((u) => (
            <Stack
              as="li"
              key={u.seq}
              data-seq={u.seq}
              data-state={u.state}
              tokens={{ childrenGap: 4 }}
              styles={{ root: { borderBottom: '1px solid #edebe9', paddingBottom: 8 } }}
            >
              <Text styles={{ root: { fontWeight: 600 } }}>{u.contactName}</Text>
              <Text>{describeUpdate(u)}</Text>
              <Text variant="small">
                {STATE_TEXT[u.state]}
                {u.attempts > 0 ? ` · ${u.attempts} attempt${u.attempts === 1 ? '' : 's'}` : ''}
              </Text>
              {u.error && u.state !== 'pending' && <Text variant="small">{u.error.message}</Text>}
              {u.error && u.state === 'pending' && <Text variant="small">Last try: {u.error.message}</Text>}
              <Stack horizontal tokens={{ childrenGap: 8 }}>
                {u.state === 'failed' && (
                  <PrimaryButton text="Retry" disabled={busySeq === u.seq} onClick={() => void act(u.seq, 'Could not retry the change', () => service.retry(u.seq))} />
                )}
                {u.state === 'conflict' && <PrimaryButton text="Choose values" onClick={() => void openPrompt(u)} />}
                {u.state !== 'pending' && (
                  <DefaultButton text="Discard" disabled={busySeq === u.seq} onClick={() => void act(u.seq, 'Could not discard the change', () => service.discard(u.seq))} />
                )}
              </Stack>
            </Stack>
          ))}
        </Stack>
      )}
      {list?.connected && <HistoryList realmId={list.realmId} source={history} refreshKey={historyKey} download={download} />}
      {prompt && (
        <ConflictPrompt
          contactName={prompt.update.contactName}
          fields={prompt.fields}
          error={prompt.error}
          busy={prompt.busy}
          onConfirm={(choices) => void confirm(choices)}
          onCancel={() => setPrompt(undefined)}
        />
      )}
    </Stack>
  );
}
