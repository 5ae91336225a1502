/**
 * What a screen reader hears about a running job, without moving focus: its progress in a polite
 * live region (read when the user pauses), its outcome there too, and a failure in an assertive
 * one (read at once). Both regions are in the page from the first render, empty, because
 * screen readers announce changes to a live region they already know, not a region that
 * appears with its text already in it. Visually hidden: the same words are on screen anyway.
 */
import { hiddenContentStyle, mergeStyles } from '@fluentui/react';

const HIDDEN = mergeStyles(hiddenContentStyle);

export interface JobAnnouncerProps {
  /** e.g. "Exporting to QuickBooks Online… 3 of 20"; undefined when nothing runs. */
  progress?: string;
  /** What the last job did, e.g. "Exported 20 contacts." */
  result?: string;
  /** Why the last job failed, in the words shown on screen. */
  failure?: string;
}

export function JobAnnouncer({ progress, result, failure }: JobAnnouncerProps) {
  return (
    <>
      <div className={HIDDEN} role="status" aria-live="polite" aria-atomic="true" data-announce="polite">
        {progress ?? result ?? ''}
      </div>
      <div className={HIDDEN} role="alert" aria-live="assertive" aria-atomic="true" data-announce="assertive">
        {failure ?? ''}
      </div>
    </>
  );
}
