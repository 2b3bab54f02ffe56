// The interviewer console (docs/protocol.md): the interviewer plays the scripted customer; managers
// and admins watching get the same view read-only. Everything shown is drawn from the session's
// events, so a reload or a reconnect rebuilds the same page from the log. Each concern has its file
// in ../console/: the session's controls, chat, script (its beats, used and suggested), anger,
// checkpoints, activity (the desk's lookups, actions and mistakes among it), notes, rating, and the
// keyboard shortcuts.
import { presenter } from '@hotseat/events';
import { pageData } from '../lib/dom';
import { connect } from '../lib/roleplay-connection';
import { activity } from '../console/activity';
import { anger } from '../console/anger';
import { candidateLink } from '../console/candidate-link';
import { chat } from '../console/chat';
import { checkpoints } from '../console/checkpoints';
import { ConsoleContext, type ConsoleScript } from '../console/context';
import { notes } from '../console/notes';
import { rating } from '../console/rating';
import { script } from '../console/script';
import { headMenus, presence, sessionControls } from '../console/session';
import { shortcuts } from '../console/shortcuts';

const context = new ConsoleContext(pageData<ConsoleScript>('console-data'));
const { persona, solution, candidateName } = context.script;
const checkpointLabels = new Map(solution.checkpoints.map((c) => [c.id, c.label]));
const mistakeNotes = new Map((context.script.desk?.mistakes ?? []).map((m) => [m.id, m.note]));
const lineOf = presenter({
  audience: 'staff',
  candidateName,
  customerName: persona.name,
  checkpointLabel: (id) => checkpointLabels.get(id) ?? id,
  mistakeNote: (id) => mistakeNotes.get(id) ?? id,
  deskForm: (actionId) =>
    context.script.desk?.actions.find((action) => action.id === actionId)?.inputs ?? [],
});

const conversation = chat(context);
const beats = script(context, conversation);
const parts = [
  sessionControls(context),
  candidateLink(context),
  conversation,
  beats,
  anger(context),
  checkpoints(context),
  activity(context),
  notes(context),
  rating(context),
];
// Once per burst: a sync hands over many events in one go, and each part redraws once after them.
let updating = false;
const update = () => {
  if (updating) return;
  updating = true;
  queueMicrotask(() => {
    updating = false;
    parts.forEach((part) => part.update?.());
  });
};
const status = presence(context);
headMenus();
shortcuts(context, beats);

context.connected(
  connect({
    auth: { sessionId: context.script.sessionId },
    onEvent: (event) => {
      context.apply(event);
      const line = lineOf(event);
      for (const part of parts) part.show?.(event, line);
      update();
    },
    onTyping: (notice) => conversation.typing(notice),
    onPresence: ({ candidate }) => {
      status.candidate(candidate);
      // A candidate who left mid-sentence is not typing any more.
      if (!candidate) conversation.typing({ actor: 'candidate', typing: false });
    },
    onConnection: (connection, why) => {
      context.online = connection === 'online';
      status.connection(context.online, why);
      update();
    },
  }),
);
update();
