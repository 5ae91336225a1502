import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton } from '@fluentui/react';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  onYes(): void;
  onNo(): void;
}

/** A Yes/No question, as OfficeTools asks them. Rendered only while asked, so it leaves no trace. */
export function ConfirmDialog({ title, text, onYes, onNo }: ConfirmDialogProps) {
  return (
    <Dialog
      hidden={false}
      onDismiss={onNo}
      dialogContentProps={{ type: DialogType.normal, title, subText: text, showCloseButton: false }}
      modalProps={{ isBlocking: true }}
      minWidth="min(420px, 92vw)"
    >
      <DialogFooter>
        <PrimaryButton text="Yes" onClick={onYes} />
        <DefaultButton text="No" onClick={onNo} />
      </DialogFooter>
    </Dialog>
  );
}
