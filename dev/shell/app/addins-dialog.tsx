/** Setup > Add-ins…: the catalog, where each user installs or removes add-ins for themself. */
import { DefaultButton, Dialog, DialogFooter, DialogType, MessageBar, MessageBarType, PrimaryButton, Stack, Text } from '@fluentui/react';
import { useState } from 'react';
import type { CatalogItem } from './use-addins';
import { SHELL_COLORS } from './shell-theme';

export function AddinsDialog(props: { catalog: CatalogItem[]; userName: string; onInstall(id: string): Promise<void>; onRemove(id: string): Promise<void>; onClose(): void }) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const run = async (id: string, action: (id: string) => Promise<void>) => {
    setBusy(id);
    setError(undefined);
    try {
      await action(id);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Dialog hidden={false} onDismiss={props.onClose} dialogContentProps={{ type: DialogType.largeHeader, title: 'Add-ins', subText: `Add-ins installed here are for ${props.userName} only.` }} minWidth={560}>
      {error && (
        <MessageBar messageBarType={MessageBarType.error} role="alert">
          {error}
        </MessageBar>
      )}
      <ul aria-label="Add-in catalog" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {props.catalog.map((item) => {
          const name = item.manifest?.displayName ?? item.addinId;
          return (
            <li key={item.addinId} aria-label={name} style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '12px 0', borderBottom: `1px solid ${SHELL_COLORS.divider}` }}>
              {item.manifest?.iconUrl && <img src={item.manifest.iconUrl} alt="" width={32} height={32} />}
              <Stack styles={{ root: { flex: 1 } }}>
                <Text variant="mediumPlus" styles={{ root: { fontWeight: 600 } }}>
                  {name}
                </Text>
                {item.manifest && <Text variant="small">{item.manifest.providerName}</Text>}
                {item.manifest?.description && <Text variant="small">{item.manifest.description}</Text>}
                {item.error && (
                  <Text variant="small" styles={{ root: { color: SHELL_COLORS.error } }}>
                    {item.error}
                  </Text>
                )}
              </Stack>
              {item.manifest &&
                (item.installed ? (
                  <DefaultButton text="Remove" ariaLabel={`Remove ${name}`} disabled={busy !== undefined} onClick={() => void run(item.addinId, props.onRemove)} />
                ) : (
                  <PrimaryButton text="Install" ariaLabel={`Install ${name}`} disabled={busy !== undefined} onClick={() => void run(item.addinId, props.onInstall)} />
                ))}
            </li>
          );
        })}
      </ul>
      <DialogFooter>
        <DefaultButton text="Close" onClick={props.onClose} />
      </DialogFooter>
    </Dialog>
  );
}
