import { Server } from 'socket.io';
import { EVENT } from '@hotseat/events';

/**
 * The baseline for bench:relay: the same events over a bare Socket.IO server, with no database,
 * no authentication and no validation. Usage: bare-relay.ts PORT
 */
const port = Number(process.argv[2]);
const io = new Server(port);
const roleplay = io.of('/roleplay');
let seq = 0;

roleplay.on('connection', (socket) => {
  const room = String((socket.handshake.auth as { sessionId?: string }).sessionId);
  void socket.join(room);
  socket.on('session:start', (_payload: unknown, ack: (answer: object) => void) =>
    ack({ ok: true }),
  );
  socket.on('chat:send', (payload: { text: string }, ack: (answer: object) => void) => {
    seq += 1;
    const event = {
      seq,
      type: EVENT.chatMessage,
      actor: 'candidate',
      at: new Date().toISOString(),
      payload: { text: payload.text },
    };
    roleplay.to(room).emit('event', event);
    ack({ ok: true, event });
  });
});
process.on('SIGTERM', () => void io.close().then(() => process.exit(0)));
console.log(`bare relay listening on ${port}`);
