/**
 * `npm start` runs the sandbox, the proxy and the shell in separate processes, so that a flood
 * on one server cannot stop the others (issue 11): a socket flood past the proxy's cap, a
 * frozen proxy and a killed proxy leave the shell and the sandbox answering at once; the killed
 * one is restarted; Ctrl-C and a killed `npm start` leave no server behind.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { isAlive, startStack, type StartedStack } from './support/started-stack';

/** "Promptly": far above an idle answer (a few ms), far below a stalled one (the 10 s header timeout). */
const PROMPT_MS = 1500;
const PROXY_CAP = 300;
const FLOOD = 1500;

let stack: StartedStack;

before(async () => {
  stack = await startStack({ PROXY_MAX_CONNECTIONS: String(PROXY_CAP) });
});

after(() => stack?.cleanUp());

async function timedGet(url: string, timeoutMs = 5000): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

/** Five requests each to the shell's JWKS and the sandbox's discovery document: all 200, the slowest under PROMPT_MS. */
async function othersAnswerPromptly(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    for (const url of [`http://127.0.0.1:${stack.ports.shell}/.well-known/jwks.json`, `http://127.0.0.1:${stack.ports.sandbox}/.well-known/openid_configuration`]) {
      const { status, ms } = await timedGet(url);
      assert.equal(status, 200, url);
      assert.ok(ms < PROMPT_MS, `${url} answered in ${Math.round(ms)} ms`);
    }
  }
}

/** Opens `count` sockets that send half a request and then nothing; resolves once each is open or closed by the server. */
async function halfOpen(port: number, count: number): Promise<{ sockets: Socket[]; open: () => number }> {
  const sockets: Socket[] = [];
  let closed = 0;
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const s = connect(port, '127.0.0.1');
          sockets.push(s);
          s.on('error', () => undefined);
          s.once('close', () => {
            closed++;
            resolve();
          });
          s.once('connect', () => {
            s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
            // A socket over the cap is accepted by the kernel and then closed by the proxy at once.
            setTimeout(resolve, 300);
          });
        }),
    ),
  );
  return { sockets, open: () => sockets.length - closed };
}

test('three service processes, each with its own pid', () => {
  const pids = stack.servicePids();
  assert.deepEqual(Object.keys(pids).sort(), ['proxy', 'sandbox', 'shell']);
  assert.equal(new Set(Object.values(pids)).size, 3);
  assert.ok(!Object.values(pids).includes(stack.parent.pid!));
});

test('a flood of half-open sockets past the proxy cap: the proxy refuses more, the shell and the sandbox answer promptly', async () => {
  const flood = await halfOpen(stack.ports.proxy, FLOOD);
  try {
    // The flood took the proxy to its cap: it holds at most PROXY_CAP of them and closed the rest.
    assert.ok(flood.open() <= PROXY_CAP + 5, `${flood.open()} flood sockets still open`);
    assert.ok(flood.open() >= PROXY_CAP / 2, `only ${flood.open()} flood sockets open: the flood did not fill the proxy`);
    await assert.rejects(timedGet(`http://127.0.0.1:${stack.ports.proxy}/healthz`, 3000), 'the proxy refuses new sockets while full');
    await othersAnswerPromptly();
  } finally {
    for (const s of flood.sockets) s.destroy();
  }
  // Once the flood is gone the proxy answers again.
  await waitUntil(async () => (await timedGet(`http://127.0.0.1:${stack.ports.proxy}/healthz`).catch(() => null))?.status === 200);
});

test('a frozen proxy (its event loop never comes back) does not hold up the shell or the sandbox', async () => {
  const pid = stack.servicePids().proxy!;
  process.kill(pid, 'SIGSTOP');
  try {
    await assert.rejects(timedGet(`http://127.0.0.1:${stack.ports.proxy}/healthz`, 1000));
    await othersAnswerPromptly();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  assert.equal((await timedGet(`http://127.0.0.1:${stack.ports.proxy}/healthz`)).status, 200);
});

test('a proxy that dies is reported and restarted; the others keep their processes', async () => {
  const before = stack.servicePids();
  process.kill(before.proxy!, 'SIGKILL');
  await stack.waitForOutput(/The proxy stopped unexpectedly \(killed by SIGKILL\); restarting it \(1 of 3 within a minute\)/, 10_000);
  await stack.waitForOutput(/The proxy is back at http:\/\/127\.0\.0\.1:\d+/, 30_000);
  const now = stack.servicePids();
  assert.notEqual(now.proxy, before.proxy);
  assert.equal(now.shell, before.shell);
  assert.equal(now.sandbox, before.sandbox);
  assert.equal((await timedGet(`http://127.0.0.1:${stack.ports.proxy}/healthz`)).status, 200);
  await othersAnswerPromptly();
});

test('Ctrl-C stops every service and exits 0', async () => {
  const pids = Object.values(stack.servicePids());
  assert.equal(pids.length, 3);
  assert.equal(await stack.interrupt(), 0);
  assert.match(stack.output(), /SIGINT: stopping…\n {2}stopped shell\n {2}stopped proxy\n {2}stopped sandbox/);
  await waitUntil(async () => pids.every((p) => !isAlive(p)));
});

test('npm start killed outright (SIGKILL) leaves no server behind', async () => {
  const other = await startStack();
  try {
    const pids = Object.values(other.servicePids());
    assert.equal(pids.length, 3);
    other.parent.kill('SIGKILL');
    await waitUntil(async () => pids.every((p) => !isAlive(p)), 10_000);
  } finally {
    other.cleanUp();
  }
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
