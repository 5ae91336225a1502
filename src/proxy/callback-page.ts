/**
 * The page the OAuth callback answers with, inside the dialog window the host opened. It tells
 * the opener (the OfficeTools shell) the outcome with the host protocol's `dialogMessage`,
 * addressed to SHELL_ORIGIN only, and shows the same outcome to the user.
 *
 * src/proxy imports nothing from src/sync, so the protocol's name and version are repeated
 * here; test/node/proxy checks them against src/sync/host/protocol.ts.
 */
export const DIALOG_PROTOCOL = 'officetools-host';
export const DIALOG_PROTOCOL_VERSION = 1;

export type CallbackOutcome =
  /** Intuit authorized; the add-in confirms with POST /api/auth/complete {completion}. */
  | { status: 'authorized'; completion: string; flowId: string; realmId: string; companyName: string; country: string }
  | { status: 'denied' }
  | { status: 'error'; message: string };

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** JSON that can sit inside a <script> element without ending it. */
const scriptSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function renderCallbackPage(outcome: CallbackOutcome, shellOrigin: string): string {
  let title: string;
  let text: string;
  switch (outcome.status) {
    case 'authorized':
      title = 'QuickBooks Online authorized';
      // Nothing is connected until the OfficeTools panel that started this confirms it; say so, so
      // that someone sent here by a link they did not start from OfficeTools knows nothing happened.
      text = `The OfficeTools panel that asked for this connection is finishing it with ${outcome.companyName}. You can close this window. If you did not start this from OfficeTools, nothing was connected.`;
      break;
    case 'denied':
      title = 'Connection cancelled';
      text = 'You did not allow OfficeTools to connect to QuickBooks Online. You can close this window.';
      break;
    default:
      title = 'Could not connect to QuickBooks Online';
      text = outcome.message;
  }
  const envelope = { protocol: DIALOG_PROTOCOL, v: DIALOG_PROTOCOL_VERSION, kind: 'dialogMessage', message: outcome };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;color:#323130}h1{font-size:1.25rem;font-weight:600}</style>
</head>
<body>
<h1 id="title">${escapeHtml(title)}</h1>
<p id="text">${escapeHtml(text)}</p>
<script>
(function () {
  var envelope = ${scriptSafeJson(envelope)};
  var target = ${scriptSafeJson(shellOrigin)};
  if (window.opener) window.opener.postMessage(envelope, target);
})();
</script>
</body>
</html>
`;
}
