// Browser tests (components and the IndexedDB store) in a real headless Chromium.
// CHROME_BIN is resolved by scripts/test.ts (see test/support/chromium.ts) before karma starts.
const os = require('os');
const path = require('path');

// KARMA_FILES=glob[,glob…] runs only those test files (e.g. while working on one folder).
const only = (process.env.KARMA_FILES || '').split(',').map((s) => s.trim()).filter(Boolean);

module.exports = (config) => {
  config.set({
    frameworks: ['mocha', 'webpack'],
    files: [
      ...(only.length ? only : ['test/browser/**/*.test.ts?(x)']).map((pattern) => ({ pattern, watched: false })),
      // karma-webpack writes split chunks (the automatch Web Worker) beside the bundles; serve them
      // so that browser tests exercise the real worker rather than its inline fallback.
      { pattern: path.join(os.tmpdir(), '_karma_webpack_*/**/*'), included: false, served: true, watched: false },
    ],
    preprocessors: { 'test/browser/**/*.test.ts?(x)': ['webpack'] },
    webpack: {
      mode: 'development',
      devtool: false,
      resolve: { extensions: ['.tsx', '.ts', '.js'] },
      module: {
        rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.resolve(__dirname, 'tsconfig.json') } } }],
      },
      performance: { hints: false },
      stats: 'errors-only',
    },
    browsers: ['ChromeHeadlessHere'],
    customLaunchers: {
      ChromeHeadlessHere: {
        base: 'ChromeHeadless',
        flags: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      },
    },
    client: { mocha: { timeout: 20000 } },
    reporters: ['progress'],
    browserNoActivityTimeout: 120000,
    singleRun: true,
  });
};
