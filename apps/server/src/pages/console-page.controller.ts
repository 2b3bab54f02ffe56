import { Controller, Get, Param, ParseUUIDPipe, Render } from '@nestjs/common';
import { PRODUCT_TEAM_QUESTION, SCORE_LABELS } from '@hotseat/feedback';
import { CurrentStaff, type StaffPrincipal } from '@hotseat/identity';
import { SessionsService } from '@hotseat/roleplay';
import { HelpCenterService } from '@hotseat/scenarios';
import { staffPage } from './page-context';

/** The 1-4 scale of the rubric and the product-team question, as the rating form reads it. */
const SCALE = Object.entries(SCORE_LABELS).map(([value, label]) => ({
  value: Number(value),
  label,
}));

/** Keys 1 to 9 send the first nine beats. */
const BEAT_KEYS = 9;

/**
 * The interviewer console: the session's interviewer plays the customer from it; managers and admins
 * watch it read-only. Others are told the session does not exist (the service's access check).
 */
@Controller('sessions')
export class ConsolePageController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly helpCenter: HelpCenterService,
  ) {}

  @Get(':id')
  @Render('console')
  async console(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    const script = await this.sessions.script(staff, id);
    const articleIds = new Set([
      ...script.solution.articles,
      ...script.solution.checkpoints.flatMap((checkpoint) => checkpoint.article ?? []),
    ]);
    const titles = await this.helpCenter.titles([...articleIds]);
    // In practice the script plays the customer: staff only watch, whatever their role.
    const practice = script.mode === 'practice';
    return staffPage(staff, `${script.candidateName}: ${script.title}`, 'console', {
      // Until it is over the console is one screen (style.css; console/session.ts keeps it so).
      bodyClass:
        script.status === 'ended' || script.status === 'cancelled'
          ? 'console-page console-over'
          : 'console-page',
      // The server's clock: "no reply for 60 s" counts from the server's stamps (console/context.ts).
      script: { ...script, serverTime: new Date().toISOString() },
      scale: SCALE,
      candidateId: script.candidateId,
      productTeamQuestion: PRODUCT_TEAM_QUESTION,
      interviewer: script.role === 'interviewer' && !practice,
      practice,
      // The first nine beats are sent by their number key.
      beats: script.beats.map((beat, index) => ({
        ...beat,
        key: index < BEAT_KEYS ? index + 1 : null,
        angerHint: angerHint(beat.anger),
        angerWay: beat.anger > 0 ? 'up' : beat.anger < 0 ? 'down' : 'same',
      })),
      lastBeatKey: Math.min(BEAT_KEYS, script.beats.length),
      checkpoints: script.solution.checkpoints.map((checkpoint) => ({
        ...checkpoint,
        articleTitle: checkpoint.article && titles.get(checkpoint.article),
      })),
      solutionArticles: script.solution.articles.map((articleId) => ({
        id: articleId,
        title: titles.get(articleId),
      })),
    });
  }
}

/** "anger +2", "anger −2" or "anger unchanged": what the script says the line does to the customer. */
function angerHint(change: number): string {
  if (change === 0) return 'anger unchanged';
  return change > 0 ? `anger +${change}` : `anger −${-change}`;
}
