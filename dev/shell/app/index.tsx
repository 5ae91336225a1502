/** Entry of the OfficeTools shell page (webpack build `shell`, served by dev/shell/server.ts). */
import { createRoot } from 'react-dom/client';
import { createFirmApi } from './api-client';
import { registerShellIcons } from './icons';
import { Workspace } from './workspace';

registerShellIcons();
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('The shell page has no #root element; check scripts/page-template.html.');
createRoot(rootElement).render(<Workspace api={createFirmApi()} />);
