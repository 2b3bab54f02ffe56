/**
 * npm run bench:relay [-- --sessions 200 --human-seconds 15 --burst 20]
 *
 * Drives N concurrent role-plays (an interviewer and a candidate each) against Hotseat started from
 * dist/ on a PostgreSQL server, then the same load against a bare Socket.IO relay with no database,
 * and prints ack and delivery latencies, persisted events per second, CPU and memory, and the ratio.
 * Two phases each: a human pace (every socket sends about once a second), then flat out (every
 * socket sends `burst` messages, each as soon as the previous one is acknowledged).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { freePort, ServerProcess } from '../test/support/server-process';
import { withServer } from '../test/support/test-database';
import { BENCH_ADMIN, createBenchDatabase, positive } from './support';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '200' },
    'human-seconds': { type: 'string', default: '15' },
    burst: { type: 'string', default: '20' },
  },
});
const SESSIONS = positive('sessions', values.sessions);
const HUMAN_SECONDS = positive('human-seconds', values['human-seconds']);
const BURST = positive('burst', values.burst);
const ADMIN = BENCH_ADMIN;

interface Pair {
  sessionId: string;
  sides: Socket[];
}
interface PhaseResult {
  ack: number[];
  delivery: number[];
  sent: number;
  failed: number;
  seconds: number;
  cpuPercent: number;
  rssMb: number;
}

async function main() {
  const hotseat = await runHotseat();
  const bare = await runBare();
  print(hotseat, bare);
}

async function runHotseat() {
  const database = await createBenchDatabase();
  const url = database.url;
  const port = await freePort();
  const server = ServerProcess.start({
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    HOTSEAT_ADMIN_EMAIL: ADMIN.email,
    HOTSEAT_ADMIN_PASSWORD: ADMIN.password,
  });
  try {
    await server.waitFor('Hotseat is running', 60_000);
    const base = `http://127.0.0.1:${port}`;
    const pairs = await hotseatPairs(base);
    await warmUp(pairs, server.pid);
    const human = await humanPace(pairs, server.pid);
    const before = await countEvents(url);
    const flat = await flatOut(pairs, server.pid);
    const persisted = (await countEvents(url)) - before;
    closeAll(pairs);
    return { human, flat, persistedPerSecond: persisted / flat.seconds };
  } finally {
    await server.stop();
    await database.drop();
  }
}

async function runBare() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'bare-relay.ts'),
      String(port),
    ],
    {
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const pairs = await Promise.all(
      Array.from({ length: SESSIONS }, async () => {
        const sessionId = randomUUID();
        const sides = await Promise.all(
          [0, 1].map(() => connect(`http://127.0.0.1:${port}`, { sessionId })),
        );
        return { sessionId, sides };
      }),
    );
    await warmUp(pairs, child.pid!);
    const human = await humanPace(pairs, child.pid!);
    const flat = await flatOut(pairs, child.pid!);
    closeAll(pairs);
    return { human, flat };
  } finally {
    await stopChild(child);
  }
}

/** Logs in, adds the candidates and sessions, connects both sides and starts every role-play. */
async function hotseatPairs(base: string): Promise<Pair[]> {
  const login = await post(base, '/api/auth/login', ADMIN);
  const token = login.token as string;
  process.stdout.write(`setting up ${SESSIONS} role-plays`);
  const pairs: Pair[] = [];
  for (let index = 0; index < SESSIONS; index += 1) {
    const candidate = await post(
      base,
      '/api/candidates',
      { name: `Candidate ${index}`, email: `c${index}@example.com` },
      token,
    );
    const session = await post(
      base,
      '/api/sessions',
      { candidateId: candidate.id, scenarioId: 'charged-ten-times' },
      token,
    );
    const sides = await Promise.all([
      connect(base, { token, sessionId: session.id as string }),
      connect(base, { token: session.candidateToken as string }),
    ]);
    const started = await ack(sides[0], 'session:start', { clientId: randomUUID() });
    if (!started.ok) throw new Error(`could not start a role-play: ${JSON.stringify(started)}`);
    pairs.push({ sessionId: session.id as string, sides });
    if (index % 20 === 19) process.stdout.write('.');
  }
  process.stdout.write(' done\n');
  return pairs;
}

/** Two messages per socket, not counted: connections in the pool opened, code paths compiled. */
async function warmUp(pairs: Pair[], pid: number): Promise<void> {
  await measure(pairs, pid, async (_socket, send) => {
    await send();
    await send();
  });
}

/** Every socket sends about once a second (0.5 to 1.5 s apart) for HUMAN_SECONDS. */
function humanPace(pairs: Pair[], pid: number): Promise<PhaseResult> {
  return measure(pairs, pid, async (socket, send) => {
    const end = Date.now() + HUMAN_SECONDS * 1000;
    await sleep(Math.random() * 1000);
    while (Date.now() < end) {
      void send();
      await sleep(500 + Math.random() * 1000);
    }
  });
}

/** Every socket sends BURST messages back to back, each after the previous ack. */
function flatOut(pairs: Pair[], pid: number): Promise<PhaseResult> {
  return measure(pairs, pid, async (_socket, send) => {
    for (let index = 0; index < BURST; index += 1) await send();
  });
}

async function measure(
  pairs: Pair[],
  pid: number,
  drive: (socket: Socket, send: () => Promise<void>) => Promise<void>,
): Promise<PhaseResult> {
  const result = { ack: [] as number[], delivery: [] as number[], sent: 0, failed: 0 };
  const onEvent = (event: { payload: { text?: string } }) => {
    const sentAt = Number(event.payload.text?.split(' ')[1]);
    if (sentAt) result.delivery.push(performance.now() - sentAt);
  };
  // Delivery is measured at the peer only: each side listens to what the other side sends.
  pairs.forEach(({ sides: [host, guest] }) => {
    host.on(
      'event',
      (event: { actor: string; payload: { text?: string } }) =>
        event.actor === 'candidate' && onEvent(event),
    );
    guest.on(
      'event',
      (event: { actor: string; payload: { text?: string } }) =>
        event.actor !== 'candidate' && onEvent(event),
    );
  });
  const cpuBefore = processCpu(pid);
  const started = performance.now();
  let rss = 0;
  const sampler = setInterval(() => (rss = Math.max(rss, processRss(pid))), 250);
  await Promise.all(
    pairs.flatMap(({ sides }) =>
      sides.map((socket) =>
        drive(socket, async () => {
          const sentAt = performance.now();
          result.sent += 1;
          const answer = await ack(socket, 'chat:send', {
            clientId: randomUUID(),
            text: `m ${sentAt}`,
          });
          if (answer.ok) result.ack.push(performance.now() - sentAt);
          else result.failed += 1;
        }),
      ),
    ),
  );
  await sleep(500); // the last deliveries
  clearInterval(sampler);
  const seconds = (performance.now() - started - 500) / 1000;
  pairs.forEach(({ sides }) => sides.forEach((socket) => socket.off('event')));
  const cpuSeconds = processCpu(pid) - cpuBefore;
  return {
    ...result,
    seconds,
    cpuPercent: (cpuSeconds / (seconds + 0.5)) * 100,
    rssMb: rss / 1024 / 1024,
  };
}

function print(
  hotseat: Awaited<ReturnType<typeof runHotseat>>,
  bare: Awaited<ReturnType<typeof runBare>>,
) {
  const line = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
    return `  ${label.padEnd(34)} p50 ${fmt(at(50))}  p95 ${fmt(at(95))}  p99 ${fmt(at(99))}  max ${fmt(sorted.at(-1) ?? NaN)}  (n=${values.length})`;
  };
  const phase = (title: string, result: PhaseResult) => [
    `${title}: ${result.sent} sent, ${result.failed} refused, ${(result.ack.length / result.seconds).toFixed(0)} acked/s over ${result.seconds.toFixed(1)} s; server CPU ${result.cpuPercent.toFixed(0)}%, peak RSS ${result.rssMb.toFixed(0)} MB`,
    line('ack latency (ms)', result.ack),
    line('sender-to-peer delivery (ms)', result.delivery),
  ];
  const p99 = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)];
  console.log(
    [
      `bench:relay: ${SESSIONS} role-plays (${SESSIONS * 2} sockets), human pace ${HUMAN_SECONDS} s, flat out ${BURST} messages per socket`,
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load generator in the same machine`,
      '',
      'Hotseat (PostgreSQL, every event committed before ack and broadcast)',
      ...phase('  human pace', hotseat.human),
      ...phase('  flat out', hotseat.flat),
      `  persisted events per second, flat out: ${hotseat.persistedPerSecond.toFixed(0)}`,
      '',
      'bare Socket.IO relay (no database, no auth, no validation)',
      ...phase('  human pace', bare.human),
      ...phase('  flat out', bare.flat),
      '',
      `p99 delivery at human pace, Hotseat / bare: ${(p99(hotseat.human.delivery) / p99(bare.human.delivery)).toFixed(2)}x (target: at most 2x)`,
      `persisted events per second flat out: ${hotseat.persistedPerSecond.toFixed(0)} (target: at least 3000)`,
    ].join('\n'),
  );
}

const fmt = (ms: number) => ms.toFixed(1).padStart(7);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connect(base: string, auth: object): Promise<Socket> {
  const socket = io(`${base}/roleplay`, { auth, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function ack(socket: Socket, event: string, payload: object): Promise<{ ok: boolean }> {
  return socket
    .timeout(30_000)
    .emitWithAck(event, payload)
    .catch(() => ({ ok: false })) as Promise<{ ok: boolean }>;
}

function closeAll(pairs: Pair[]) {
  pairs.forEach(({ sides }) => sides.forEach((socket) => socket.close()));
}

async function post(base: string, path: string, body: object, token?: string) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function countEvents(url: string): Promise<number> {
  return withServer(
    async (client) =>
      Number(
        (await client.query<{ count: string }>('SELECT count(*) FROM session_events')).rows[0]
          .count,
      ),
    url,
  );
}

/** CPU seconds (user + system) a process has used, from /proc. */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
}

function processRss(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
