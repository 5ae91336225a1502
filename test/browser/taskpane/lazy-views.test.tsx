/**
 * Views fetched on demand (src/taskpane/lazy-views.tsx), rendered by React in real Chromium the
 * way the page does (no act(), which would hide React's scheduling): code asked for ahead is
 * drawn in the first commit, never behind a spinner and React's Suspense throttling.
 */
import { expect } from 'chai';
import { useEffect, type ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { LOADING_LABEL, onDemand } from '../../../src/taskpane/lazy-views';

interface Props {
  name: string;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function until(probe: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; the page shows "${document.body.textContent}"`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('views fetched on demand', () => {
  let el: HTMLElement;
  let root: Root;
  let mounts: number;
  before(() => registerPanelIcons());
  const Hello: ComponentType<Props> = ({ name }) => {
    useEffect(() => {
      mounts += 1;
    }, []);
    return <p>Hello {name}</p>;
  };

  beforeEach(() => {
    mounts = 0;
    el = document.createElement('div');
    document.body.appendChild(el);
    root = createRoot(el);
  });
  afterEach(() => {
    root.unmount();
    el.remove();
  });

  it('draws code asked for ahead in the first commit, without the loading spinner, and fetches it once', async () => {
    let fetches = 0;
    const code = deferred<ComponentType<Props>>();
    const View = onDemand<Props>('the test view', () => {
      fetches += 1;
      return code.promise;
    });
    const preloaded = View.preload();
    code.resolve(Hello);
    await preloaded;
    flushSync(() => root.render(<View name="Pat" />));
    expect(el.textContent).to.equal('Hello Pat');
    await View.preload();
    expect(fetches).to.equal(1);
  });

  it('shows Loading… until code not yet in arrives, then the view, and keeps that instance when it renders again', async () => {
    const code = deferred<ComponentType<Props>>();
    const View = onDemand<Props>('the test view', () => code.promise);
    flushSync(() => root.render(<View name="Pat" />));
    expect(el.textContent).to.contain(LOADING_LABEL);
    code.resolve(Hello);
    await until(() => el.textContent === 'Hello Pat', 'the view');
    // The code is in now; the same instance renders on, never remounted in the other way.
    flushSync(() => root.render(<View name="Sam" />));
    await until(() => el.textContent === 'Hello Sam', 'the re-render');
    expect(mounts).to.equal(1);
    // A new instance, made after the code arrived, is drawn at once.
    const other = document.createElement('div');
    document.body.appendChild(other);
    const otherRoot = createRoot(other);
    flushSync(() => otherRoot.render(<View name="Dana" />));
    expect(other.textContent).to.equal('Hello Dana');
    otherRoot.unmount();
    other.remove();
  });

  it('says what to do when the code cannot be fetched, and a preload of it does not throw', async () => {
    const View = onDemand<Props>('the test view', () => Promise.reject(new Error('ChunkLoadError: 404')));
    await View.preload();
    const logged = console.error;
    console.error = () => undefined; // the boundary logs the failure on purpose
    try {
      flushSync(() => root.render(<View name="Pat" />));
      await until(() => (el.textContent ?? '').includes('could not load the test view'), 'the load failure');
    } finally {
      console.error = logged;
    }
    expect(el.textContent).to.contain('Close and reopen the panel');
  });
});
