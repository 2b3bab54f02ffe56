import { applyDecorators } from '@nestjs/common';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ATTENTION_KINDS,
  type ActionPayload as ActionPayloadShape,
  type AngerSetPayload as AngerSetShape,
  type AttentionKind,
  type AttentionPayload as AttentionShape,
  type ChatSendPayload as ChatSendShape,
  type CheckpointHitPayload as CheckpointHitShape,
  type DeskActPayload as DeskActShape,
  type DeskEmailPayload as DeskEmailShape,
  type DeskInputValue,
  type DeskReportPayload as DeskReportShape,
  type DeskViewPayload as DeskViewShape,
  type HelpArticlePayload as HelpArticleShape,
  type HelpSearchPayload as HelpSearchShape,
  type NoteAddPayload as NoteAddShape,
  type SessionEndPayload as SessionEndShape,
  type SyncPayload as SyncShape,
  type TypingPayload as TypingShape,
} from '@hotseat/events';
import { Optional } from '@hotseat/validation';

/** Each payload's class checks the shape @hotseat/events gives the gateway and every client. */

/** The longest chat message or note, in characters. Socket.IO's buffer limit is set to fit it. */
export const MAX_TEXT_LENGTH = 4000;

const ClientId = () =>
  IsUUID('all', {
    message: 'clientId must be a UUID: a new one for each action, the same one when retrying it',
  });
const Text = (field: string) =>
  applyDecorators(
    IsString({ message: `${field} must be text` }),
    MaxLength(MAX_TEXT_LENGTH, {
      message: `${field} must be at most ${MAX_TEXT_LENGTH} characters long`,
    }),
    Matches(/\S/, { message: `${field} must not be empty` }),
  );
/** A line of text: a subject or a title. */
const Title = (field: string) =>
  applyDecorators(
    IsString({ message: `${field} must be text` }),
    MaxLength(200, { message: `${field} must be at most 200 characters long` }),
    Matches(/\S/, { message: `${field} must not be empty` }),
  );
const Id = (field: string) =>
  applyDecorators(
    IsString({ message: `${field} must be text` }),
    Length(1, 200, { message: `${field} must be 1 to 200 characters long` }),
  );

export class ActionPayload implements ActionPayloadShape {
  @ClientId()
  clientId!: string;
}

export class ChatSendPayload extends ActionPayload implements ChatSendShape {
  @Text('text')
  text!: string;

  /** The script beat the line came from (the interviewer's one-click lines). */
  @Optional()
  @Id('beatId')
  beatId?: string;

  /** With a beatId: false sends the line without the beat's anger change. */
  @Optional()
  @IsBoolean({ message: 'applyAnger must be true or false' })
  applyAnger?: boolean;
}

export class TypingPayload implements TypingShape {
  @IsBoolean({ message: 'typing must be true or false' })
  typing!: boolean;
}

export class AngerSetPayload extends ActionPayload implements AngerSetShape {
  @IsInt({ message: 'level must be a whole number from 0 to 10' })
  @Min(0, { message: 'level must be a whole number from 0 to 10' })
  @Max(10, { message: 'level must be a whole number from 0 to 10' })
  level!: number;
}

export class CheckpointHitPayload extends ActionPayload implements CheckpointHitShape {
  @Id('checkpointId')
  checkpointId!: string;
}

export class NoteAddPayload extends ActionPayload implements NoteAddShape {
  @Text('text')
  text!: string;
}

export class SessionEndPayload extends ActionPayload implements SessionEndShape {
  @Optional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(500, { message: 'reason must be at most 500 characters long' })
  reason?: string;
}

export class HelpSearchPayload extends ActionPayload implements HelpSearchShape {
  @IsString({ message: 'query must be text' })
  @Length(1, 200, { message: 'query must be 1 to 200 characters long' })
  @Matches(/\S/, { message: 'query must not be empty' })
  query!: string;
}

export class HelpArticlePayload extends ActionPayload implements HelpArticleShape {
  @Id('articleId')
  articleId!: string;
}

export class AttentionPayload extends ActionPayload implements AttentionShape {
  @IsIn(ATTENTION_KINDS, { message: `kind must be one of ${ATTENTION_KINDS.join(', ')}` })
  kind!: AttentionKind;
}

export class SyncPayload implements SyncShape {
  @IsInt({ message: 'afterSeq must be a whole number, 0 or more' })
  @Min(0, { message: 'afterSeq must be a whole number, 0 or more' })
  @Max(2 ** 31 - 1, { message: 'afterSeq must be a seq this session could have' })
  afterSeq!: number;
}

export class DeskViewPayload extends ActionPayload implements DeskViewShape {
  @Id('recordId')
  recordId!: string;
}

/** The input's values are checked against the action's form by the desk (checkInput). */
export class DeskActPayload extends ActionPayload implements DeskActShape {
  @Id('actionId')
  actionId!: string;

  @IsObject({ message: 'input must be a map of the action’s input ids to values' })
  input!: Record<string, DeskInputValue>;
}

export class DeskEmailPayload extends ActionPayload implements DeskEmailShape {
  @Title('subject')
  subject!: string;

  @Text('body')
  body!: string;
}

export class DeskReportPayload extends ActionPayload implements Omit<DeskReportShape, 'clientId'> {
  @Title('title')
  title!: string;

  /** What happened. */
  @Text('body')
  body!: string;

  @Optional()
  @Text('steps')
  steps?: string;

  @Optional()
  @Text('impact')
  impact?: string;

  @Optional()
  @Text('customersAffected')
  customersAffected?: string;

  @Optional()
  @Text('suggestion')
  suggestion?: string;
}
