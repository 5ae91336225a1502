/**
 * build.taskpane.gz.kb — the gzipped JavaScript the panel page loads after a production build
 * of the `addin` configuration. Baseline: a bare React 19 + react-dom page built with the same
 * settings in the same run, so the ratio shows what Fluent UI and our code add.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Metric } from '../metric';
import { build, entryJsSize, productionConfig } from '../support/webpack-build';

const KB = 1024;

export async function run(): Promise<Metric[]> {
  const addin = await productionConfig('addin');
  const outRoot = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
  try {
    const panelStats = await build({ ...addin, output: { ...addin.output, path: path.join(outRoot, 'addin') } });
    const panel = entryJsSize(panelStats, 'taskpane');

    const bareStats = await build({
      ...addin,
      name: 'bare-react',
      entry: { taskpane: path.resolve(__dirname, '..', 'fixtures', 'bare-react.tsx') },
      plugins: [],
      output: { ...addin.output, path: path.join(outRoot, 'bare-react') },
    });
    const bare = entryJsSize(bareStats, 'taskpane');

    return [
      {
        name: 'build.taskpane.gz.kb',
        value: Math.round((panel.gzipBytes / KB) * 10) / 10,
        unit: 'KB',
        baseline: Math.round((bare.gzipBytes / KB) * 10) / 10,
        note: `panel ${(panel.rawBytes / KB).toFixed(0)} KB raw in ${panel.files.length} file(s); baseline: bare React 19 + react-dom, ${(bare.rawBytes / KB).toFixed(0)} KB raw`,
      },
    ];
  } finally {
    rmSync(outRoot, { recursive: true, force: true });
  }
}
