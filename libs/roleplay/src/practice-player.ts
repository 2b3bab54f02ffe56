import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { checkpointsMet, EVENT, sessionState, type SessionEvent } from '@hotseat/events';
import {
  candidateAwaitsAnswer,
  cueScenarioOf,
  nextCueAt,
  suggestedBeats,
  type CueScenario,
} from '@hotseat/metrics';
import { ScenariosService, type ScenarioDefinition } from '@hotseat/scenarios';
import { EventLog, type Committed } from './event-log';
import { practiceComplete } from './practice-rules';
import { RoleplayService } from './roleplay.service';
import { SessionBroadcaster } from './session-broadcaster';
import type { Participant } from './sessions.service';

/** How long the scripted customer "types" a line: a human pace, a few seconds. */
export function typingMs(line: string): number {
  return Math.min(5000, Math.max(2000, 1500 + line.length * 30));
}

/** How long the last step's result stays in view before a completed practice ends. */
const COMPLETE_AFTER_MS = 2500;

interface Played {
  /** The practice's candidate, as the script acts for their session. */
  participant: Participant;
  definition: ScenarioDefinition;
  cues: CueScenario;
  timer?: NodeJS.Timeout;
  /** Whether the candidate is being shown "the customer is typing". */
  typing: boolean;
  /** Bumped by every plan: a plan or timer of an older generation does nothing. */
  generation: number;
}

/**
 * The practice room's customer (docs/protocol.md, "Practice"): it starts a practice session when its
 * candidate connects, then answers from the scenario's beats by their `when:` conditions (the same
 * `suggestedBeats` the interviewer console shows), typing for a few seconds first, and ends the
 * session once every required checkpoint is met. Every line goes through the log like any other; a
 * line is logged only if nothing happened since it was chosen. It plays the practice sessions whose
 * candidate is connected to this instance.
 */
@Injectable()
export class PracticePlayer implements OnModuleDestroy {
  private readonly logger = new Logger('Practice');
  private readonly played = new Map<string, Played>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly log: EventLog,
    private readonly roleplay: RoleplayService,
    private readonly scenarios: ScenariosService,
    private readonly broadcaster: SessionBroadcaster,
  ) {
    // Not awaited: an acknowledgement never waits for the script; other sessions cost a lookup.
    this.unsubscribe = log.subscribe((committed) => {
      if (this.played.has(committed.sessionId)) void this.heard(committed);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
    for (const played of this.played.values()) clearTimeout(played.timer);
    this.played.clear();
  }

  /** A candidate connected: a practice session starts if it has not, and the script plays on. */
  async joined(participant: Participant): Promise<void> {
    if (participant.mode !== 'practice' || participant.role !== 'candidate') return;
    const { sessionId } = participant;
    if (!this.played.has(sessionId)) {
      const definition = await this.scenarios.version(participant.scenarioVersionId);
      // Two connections at once both get here: the first one's entry stays.
      if (this.played.has(sessionId)) return;
      this.played.set(sessionId, {
        participant,
        definition,
        cues: cueScenarioOf(definition),
        typing: false,
        generation: 0,
      });
    }
    const started = await this.roleplay.startPractice(participant);
    // Already under way (a reconnect): pick up where it is.
    if (started.events.length === 0) await this.plan(sessionId);
  }

  private async heard({ sessionId, events, duplicate }: Committed): Promise<void> {
    if (duplicate) return;
    if (events.some((e) => e.type === EVENT.sessionEnded || e.type === EVENT.sessionCancelled)) {
      this.stop(sessionId);
      return;
    }
    await this.plan(sessionId);
  }

  /** Decides what the customer does next, from the whole log as it is now. */
  private async plan(sessionId: string): Promise<void> {
    const played = this.played.get(sessionId);
    if (!played) return;
    const generation = ++played.generation;
    clearTimeout(played.timer);
    try {
      const events = await this.log.since(sessionId, 0, null);
      if (played.generation !== generation) return;
      const { status } = sessionState(events);
      // Over (perhaps ended by another instance's time-limit sweep): nothing left to play.
      if (status === 'ended' || status === 'cancelled') return this.stop(sessionId);
      if (status === 'scheduled') return;
      const lastSeq = events.at(-1)?.seq ?? 0;
      const now = Date.now();
      const answer = candidateAwaitsAnswer(played.cues.persona.initialAnger, events)
        ? this.firstBeat(played, events, now, false)
        : undefined;
      if (answer) {
        this.say(played, generation, answer, lastSeq);
      } else if (practiceComplete(played.definition, (id) => checkpointsMet(events).has(id))) {
        this.typing(played, false);
        played.timer = setTimeout(() => void this.complete(played, generation), COMPLETE_AFTER_MS);
      } else {
        this.typing(played, false);
        const due = nextCueAt(played.cues, events, now);
        if (due !== null) {
          played.timer = setTimeout(() => void this.silence(played, generation), due - now);
        }
      }
    } catch (error) {
      this.failed(sessionId, error);
    }
  }

  /** A `noReplyFor` came due: the customer speaks up, if a beat for the silence holds. */
  private async silence(played: Played, generation: number): Promise<void> {
    if (played.generation !== generation) return;
    try {
      const events = await this.log.since(played.participant.sessionId, 0, null);
      if (played.generation !== generation) return;
      const beatId = this.firstBeat(played, events, Date.now(), true);
      if (beatId) this.say(played, generation, beatId, events.at(-1)?.seq ?? 0);
      else await this.plan(played.participant.sessionId);
    } catch (error) {
      this.failed(played.participant.sessionId, error);
    }
  }

  /** The best beat that holds now: one for a silence, or one that answers the candidate. */
  private firstBeat(played: Played, events: SessionEvent[], now: number, silence: boolean) {
    const beats = new Map(played.definition.beats.map((beat) => [beat.id, beat]));
    return suggestedBeats(played.cues, events, now).find(
      ({ beatId }) => (beats.get(beatId)?.when?.noReplyFor !== undefined) === silence,
    )?.beatId;
  }

  /** Types for a human while, then logs the beat's line, unless something happened meanwhile. */
  private say(played: Played, generation: number, beatId: string, afterSeq: number): void {
    const line = played.definition.beats.find((beat) => beat.id === beatId)!.line;
    this.typing(played, true);
    played.timer = setTimeout(() => {
      if (played.generation !== generation) return;
      // Done typing as the line goes out: the candidate never sees both at once.
      this.typing(played, false);
      this.roleplay
        .scriptedLine(played.participant, beatId, afterSeq)
        .catch((error: unknown) => this.failed(played.participant.sessionId, error));
    }, typingMs(line));
  }

  private async complete(played: Played, generation: number): Promise<void> {
    if (played.generation !== generation) return;
    try {
      await this.roleplay.completePractice(played.participant);
    } catch (error) {
      this.failed(played.participant.sessionId, error);
    }
  }

  private typing(played: Played, typing: boolean): void {
    if (played.typing === typing) return;
    played.typing = typing;
    this.broadcaster.customerTyping(played.participant.sessionId, typing);
  }

  private stop(sessionId: string): void {
    const played = this.played.get(sessionId);
    if (!played) return;
    // A plan or timer still under way finds itself outdated.
    played.generation += 1;
    clearTimeout(played.timer);
    this.typing(played, false);
    this.played.delete(sessionId);
  }

  /** A refused or failed step: logged; the session stops being played (the time limit still ends it). */
  private failed(sessionId: string, error: unknown): void {
    this.logger.warn({ err: error, sessionId }, 'The practice script stopped');
    this.stop(sessionId);
  }
}
