import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { slugField, textField, wholeNumber } from './fields';

/**
 * The `desk` section of a scenario file (docs/scenario-format.md, "The agent desk"): the records the
 * candidate looks up, the actions they take on them, the rules that tie actions to checkpoints and
 * the mistakes of the story. What needs more than one field (references, row ids, columns) is checked
 * in validate-scenario.ts.
 */
export const INPUT_TYPES = ['rows', 'money', 'choice', 'text'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

const cellsMessage = 'must be a map of names to text or numbers';

export class RecordFile {
  @slugField('payments') id!: string;
  @textField(1, 120) title!: string;
  /** A single record (a customer profile): label -> value. */
  @IsOptional() @IsObject({ message: cellsMessage }) fields?: Record<string, unknown>;
  /** A table: column key -> heading; `id` first. */
  @IsOptional() @IsObject({ message: 'must be a map of column keys to headings' }) columns?: Record<
    string,
    unknown
  >;
  @IsOptional()
  @IsArray({ message: 'must be a list of rows, each a map of column keys to values' })
  @IsObject({ each: true, message: 'must be a list of rows, each a map of column keys to values' })
  rows?: Array<Record<string, unknown>>;
}

export class InputFile {
  @slugField('reason') id!: string;
  @textField(1, 120) label!: string;
  @IsIn(INPUT_TYPES, { message: `must be one of ${INPUT_TYPES.join(', ')}` }) type!: InputType;
  /** `rows`: one or many rows (default many). */
  @IsOptional() @IsIn(['one', 'many'], { message: 'must be one or many' }) pick?: 'one' | 'many';
  /** `money`: the largest amount allowed. */
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'must be an amount such as 50 or 12.50' })
  @Min(0.01, { message: 'must be an amount above 0' })
  max?: number;
  /** `choice`: what the candidate picks from. */
  @IsOptional()
  @IsArray({ message: 'must be a list of options' })
  @ArrayMinSize(2, { message: 'must list at least two options' })
  @IsString({ each: true, message: 'must be a list of options as text' })
  @Length(1, 120, { each: true, message: 'must be options of 1 to 120 characters' })
  options?: string[];
  /** `text`: the longest answer, in characters (default 500). */
  @IsOptional() @wholeNumber(1, 4000) maxLength?: number;
  @IsOptional() @IsIn([true, false], { message: 'must be true or false' }) optional?: boolean;
}

export class ActionFile {
  @slugField('refund') id!: string;
  @textField(1, 120) label!: string;
  /** The record the action acts on: its rows are what a `rows` input picks, `set` and `add` change it. */
  @IsOptional() @IsString({ message: 'must be a record id' }) record?: string;

  @IsOptional()
  @IsArray({ message: 'must be a list of inputs' })
  @ValidateNested({ each: true })
  @Type(() => InputFile)
  inputs?: InputFile[];

  /** Values the action sets: on the chosen rows of a table, or on the fields of a single record. */
  @IsOptional() @IsObject({ message: cellsMessage }) set?: Record<string, unknown>;
  /** A row the action adds to its table. */
  @IsOptional() @IsObject({ message: cellsMessage }) add?: Record<string, unknown>;
  /** What the candidate reads once the action is done. */
  @IsOptional() @textField(1, 500) result?: string;
}

export class ConditionFile {
  /** The action the condition is about. */
  @IsOptional() @IsString({ message: 'must be an action id' }) action?: string;
  /** `rows` input: exactly these rows, over every time the action was applied. */
  @IsOptional()
  @ArrayMinSize(1, { message: 'must list at least one row id' })
  @IsArray({ message: 'must be a list of row ids' })
  @IsString({ each: true, message: 'must be a list of row ids' })
  rows?: string[];
  /** `rows` input: any of these rows, in one application. */
  @IsOptional()
  @ArrayMinSize(1, { message: 'must list at least one row id' })
  @IsArray({ message: 'must be a list of row ids' })
  @IsString({ each: true, message: 'must be a list of row ids' })
  rowsInclude?: string[];
  /** Conditions on other inputs, by input id. */
  @IsOptional() @IsObject({ message: 'must be a map of input ids to conditions' }) input?: Record<
    string,
    unknown
  >;
  /** `true`: the candidate sent the customer an email. */
  @IsOptional() @IsIn([true], { message: 'must be true' }) email?: true;
  /** With `email`: facts the email should mention, matched leniently; a signal, not a condition. */
  @IsOptional()
  @ArrayMinSize(1, { message: 'must list at least one fact' })
  @IsArray({ message: 'must be a list of facts' })
  @IsString({ each: true, message: 'must be a list of facts as text' })
  @Length(1, 120, { each: true, message: 'must be facts of 1 to 120 characters' })
  mentions?: string[];
  /** `true`: the candidate filed a report to the product team. */
  @IsOptional() @IsIn([true], { message: 'must be true' }) report?: true;
}

export class RuleFile {
  @IsString({ message: 'must be a checkpoint id' }) checkpoint!: string;
  @IsObject({ message: 'must say when the checkpoint is met' })
  @ValidateNested()
  @Type(() => ConditionFile)
  when!: ConditionFile;
}

export class MistakeFile {
  @slugField('refunded-valid-ticket') id!: string;
  @IsObject({ message: 'must say which action is the mistake' })
  @ValidateNested()
  @Type(() => ConditionFile)
  when!: ConditionFile;
  /** For the interviewer: why it is wrong in this story. */
  @textField(1, 300) note!: string;
}

export class DeskFile {
  @IsArray({ message: 'must be a list of records' })
  @ArrayMinSize(1, { message: 'must list at least one record' })
  @ValidateNested({ each: true })
  @Type(() => RecordFile)
  records!: RecordFile[];

  @IsArray({ message: 'must be a list of actions' })
  @ArrayMinSize(1, { message: 'must list at least one action' })
  @ValidateNested({ each: true })
  @Type(() => ActionFile)
  actions!: ActionFile[];

  @IsOptional()
  @IsArray({ message: 'must be a list of rules' })
  @ValidateNested({ each: true })
  @Type(() => RuleFile)
  rules?: RuleFile[];

  @IsOptional()
  @IsArray({ message: 'must be a list of mistakes' })
  @ValidateNested({ each: true })
  @Type(() => MistakeFile)
  mistakes?: MistakeFile[];
}
