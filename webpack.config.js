// Two builds: the add-in (panel + commands runtime, served by the proxy) and the OfficeTools
// shell (dev/shell, served by the shell server). Each entry gets its own HTML page. The panel's
// windows and heavy views are split chunks loaded on demand (src/taskpane/lazy-views.tsx), served
// beside the entries from the add-in's own origin.
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: 'ts-loader', options: { transpileOnly: true } },
};

function page(chunk, title, filename) {
  return new HtmlWebpackPlugin({
    filename: filename || `${chunk}.html`,
    chunks: [chunk],
    title,
    template: path.resolve(__dirname, 'scripts/page-template.html'),
  });
}

function base(mode, name, outDir) {
  const production = mode === 'production';
  return {
    name,
    mode,
    // No eval-based source maps: the proxy serves the add-in's pages with a script-src that
    // forbids eval (src/proxy/static-files.ts), in development builds too.
    devtool: production ? false : 'cheap-module-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: { rules: [tsRule] },
    output: {
      path: path.resolve(__dirname, outDir),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      clean: true,
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
}

module.exports = (_env, argv) => {
  const mode = (argv && argv.mode) || 'production';
  return [
    {
      ...base(mode, 'addin', 'dist/addin'),
      entry: {
        taskpane: './src/taskpane/index.tsx',
        commands: './src/commands/index.ts',
      },
      plugins: [page('taskpane', 'QuickBooks Online'), page('commands', 'QuickBooks Online commands')],
    },
    {
      ...base(mode, 'shell', 'dist/shell'),
      entry: { shell: './dev/shell/app/index.tsx' },
      plugins: [page('shell', 'OfficeTools WorkSpace', 'index.html')],
    },
  ];
};
