import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import type { PhraseCategory } from '@hotseat/metrics';
import { DeskFile } from './desk-file';
import { slugField, textField, wholeNumber } from './fields';

/**
 * The shape of a scenario file (docs/scenario-format.md explains every field). Messages say what is
 * expected; the loader adds the file, line, column and field path.
 */
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

export class PersonaFile {
  @textField(1, 80) name!: string;
  @textField(1, 2000) situation!: string;
  @textField(1, 1000) temperament!: string;
  @wholeNumber(0, 10) initialAnger!: number;
  @wholeNumber(0, 10) calmAt!: number;
}

/**
 * `when.candidateSays`: what a candidate message since the customer's last line contains. Which
 * categories exist, that at least one field is given and that the pattern compiles is checked in
 * validate-cues.ts, item by item.
 */
export class CandidateSaysFile {
  /** Categories of the phrase lexicon (docs/signals.md). */
  @IsOptional()
  @IsArray({ message: 'must be a list of phrase categories, such as [apology, empathy]' })
  @ArrayMinSize(1, { message: 'must list at least one phrase category' })
  @IsString({ each: true, message: 'must be a list of phrase categories, as text' })
  categories?: PhraseCategory[];

  /** Words or phrases of the scenario's own, matched as whole words. */
  @IsOptional()
  @IsArray({ message: 'must be a list of phrases, such as [business days]' })
  @ArrayMinSize(1, { message: 'must list at least one phrase' })
  @ArrayMaxSize(20, { message: 'must list at most 20 phrases' })
  @IsString({ each: true, message: 'must be a list of phrases, as text' })
  phrases?: string[];

  /** A regular expression, matched case-insensitively. */
  @IsOptional() @textField(1, 200) pattern?: string;
}

/**
 * A beat's `when:` (docs/scenario-format.md, "Cues Hotseat can see"): every condition given must
 * hold. References to beats and actions, and conditions that can never hold together, are checked
 * in validate-cues.ts.
 */
export class BeatConditionsFile {
  /** Seconds since the customer's last line, without a candidate message since. */
  @IsOptional() @wholeNumber(10, 600) noReplyFor?: number;

  @IsOptional()
  @IsObject({ message: 'must be a map of categories, phrases or a pattern' })
  @ValidateNested()
  @Type(() => CandidateSaysFile)
  candidateSays?: CandidateSaysFile;

  /** Another beat of this scenario, used at some point. */
  @IsOptional() @IsString({ message: 'must be the id of another beat' }) afterBeat?: string;
  @IsOptional() @wholeNumber(0, 10) angerAtLeast?: number;
  @IsOptional() @wholeNumber(0, 10) angerAtMost?: number;
  /** A desk action the candidate applied since the customer's last line. */
  @IsOptional() @IsString({ message: 'must be the id of a desk action' }) action?: string;
}

export class BeatFile {
  @slugField('angry-about-refund') id!: string;
  @textField(1, 500) cue!: string;
  @textField(1, 4000) line!: string;
  /** The change to the customer's anger, applied when the line is sent (clamped to 0-10). */
  @wholeNumber(-10, 10) anger!: number;
  /** `true`: never suggested again once used. */
  @IsOptional() @IsBoolean({ message: 'must be true or false' }) once?: boolean;

  /** What Hotseat sees in the log when this line fits; without it, the interviewer judges the cue. */
  @IsOptional()
  @IsObject({ message: 'must be a map of conditions, such as { noReplyFor: 60 }' })
  @ValidateNested()
  @Type(() => BeatConditionsFile)
  when?: BeatConditionsFile;
}

export class CheckpointFile {
  @slugField('confirm-refund') id!: string;
  @textField(1, 300) label!: string;
  @IsBoolean({ message: 'must be true or false' }) required!: boolean;
  /** The help-center article that holds this step, if one does. */
  @IsOptional() @IsString({ message: 'must be an article id' }) article?: string;
}

export class SolutionFile {
  @textField(1, 4000) summary!: string;

  @IsArray({ message: 'must be a list of checkpoints' })
  @ArrayMinSize(1, { message: 'must list at least one checkpoint' })
  @ValidateNested({ each: true })
  @Type(() => CheckpointFile)
  checkpoints!: CheckpointFile[];

  @IsArray({ message: 'must be a list of article ids' })
  @ArrayMinSize(1, { message: 'must list at least one article that holds the answer' })
  @IsString({ each: true, message: 'must be a list of article ids' })
  articles!: string[];
}

export class HelpCenterFile {
  /** `all` for every article of the product, or a list of article ids. */
  @ValidateBy({
    name: 'allOrArticleIds',
    validator: {
      validate: (value: unknown) =>
        value === 'all' || (Array.isArray(value) && value.every((id) => typeof id === 'string')),
      defaultMessage: () => 'must be "all" or a list of article ids',
    },
  })
  articles!: 'all' | string[];
}

export class AnchorsFile {
  @textField(1, 500, 'must describe what a 1 (strong no) looks like') '1'!: string;
  @textField(1, 500, 'must describe what a 2 (no) looks like') '2'!: string;
  @textField(1, 500, 'must describe what a 3 (yes) looks like') '3'!: string;
  @textField(1, 500, 'must describe what a 4 (strong yes) looks like') '4'!: string;
}

export class RubricAttributeFile {
  @slugField('de-escalation') id!: string;
  @textField(1, 80) label!: string;
  @textField(1, 500) lookFor!: string;

  @IsObject({ message: 'must give anchors 1, 2, 3 and 4' })
  @ValidateNested()
  @Type(() => AnchorsFile)
  anchors!: AnchorsFile;
}

export class ScenarioFile {
  @slugField('late-payout') id!: string;
  @textField(1, 120) title!: string;
  @slugField('tixly') product!: string;
  @textField(1, 80) company!: string;
  @IsIn(DIFFICULTIES, { message: `must be one of ${DIFFICULTIES.join(', ')}` })
  difficulty!: (typeof DIFFICULTIES)[number];
  @wholeNumber(5, 120) timeLimitMinutes!: number;

  /** Values for {{...}} in lines, e.g. `order: { id: TX-4821 }` for {{order.id}}. */
  @IsOptional() @IsObject({ message: 'must be a map of names to values' }) variables?: Record<
    string,
    unknown
  >;

  @IsObject({ message: 'must describe the customer' })
  @ValidateNested()
  @Type(() => PersonaFile)
  persona!: PersonaFile;

  @textField(1, 4000) briefing!: string;
  @textField(1, 4000) opening!: string;

  @IsArray({ message: 'must be a list of beats' })
  @ArrayMinSize(1, { message: 'must list at least one beat' })
  @ValidateNested({ each: true })
  @Type(() => BeatFile)
  beats!: BeatFile[];

  @IsObject({ message: 'must give the summary, checkpoints and articles' })
  @ValidateNested()
  @Type(() => SolutionFile)
  solution!: SolutionFile;

  @IsObject({ message: 'must say which articles the candidate can find' })
  @ValidateNested()
  @Type(() => HelpCenterFile)
  helpCenter!: HelpCenterFile;

  @IsArray({ message: 'must be a list of attributes' })
  @ArrayMinSize(1, { message: 'must list at least one attribute to rate' })
  @ValidateNested({ each: true })
  @Type(() => RubricAttributeFile)
  rubric!: RubricAttributeFile[];

  /** What the candidate can look up and do (docs/scenario-format.md, "The agent desk"). */
  @IsOptional()
  @IsObject({ message: 'must give the records and actions of the agent desk' })
  @ValidateNested()
  @Type(() => DeskFile)
  desk?: DeskFile;
}
