import {
  deskValue,
  type CandidateDesk,
  type CandidateDeskAction,
  type DeskInput,
  type DeskInputValue,
  type RecordView,
} from '@hotseat/events';
import { renderTemplate } from './templates';

/**
 * The agent desk of a scenario (docs/scenario-format.md, "The agent desk"): its definition as the
 * validator leaves it, and the pure rules that turn the candidate's actions into what they see (the
 * records), what they met (checkpoints) and what went wrong (mistakes). The role-play decides with
 * these at append time; the records are rebuilt from the log the same way at any later time.
 */

/** A single record (label -> value) or a table (columns and rows, each row with an `id`). Values are templates. */
export type DeskRecord =
  | { id: string; title: string; fields: Record<string, string> }
  | {
      id: string;
      title: string;
      columns: Record<string, string>;
      rows: Array<Record<string, string>>;
    };

export interface DeskAction extends CandidateDeskAction {
  set?: Record<string, string>;
  add?: Record<string, string>;
  result?: string;
}

/** A condition on an input's value: a number in a range, or a text among values. */
export interface InputCondition {
  atLeast?: number;
  atMost?: number;
  is?: string[];
}

export interface DeskCondition {
  action?: string;
  rows?: string[];
  rowsInclude?: string[];
  input?: Record<string, InputCondition>;
  email?: true;
  mentions?: string[];
  report?: true;
}

export interface DeskDefinition {
  records: DeskRecord[];
  actions: DeskAction[];
  rules: Array<{ checkpoint: string; when: DeskCondition }>;
  mistakes: Array<{ id: string; when: DeskCondition; note: string }>;
}

/** One action the candidate applied, as logged in `desk.acted`. */
export interface Application {
  actionId: string;
  input: Record<string, DeskInputValue>;
}

export function candidateDesk(desk: DeskDefinition, context: object): CandidateDesk {
  return {
    records: desk.records.map(({ id, title }) => ({ id, title: renderTemplate(title, context) })),
    // Effects are templates of the server's to apply; the room needs the form and the label.
    actions: desk.actions.map(({ id, label, record, inputs }) => ({ id, label, record, inputs })),
  };
}

/** Every record after `applications`, in order: the scenario's records with each effect applied. */
export function deskRecords(
  desk: DeskDefinition,
  context: object,
  applications: readonly Application[],
): RecordView[] {
  const records = desk.records.map((record) => render(record, context));
  const byId = new Map(records.map((record) => [record.id, record]));
  const added = new Map<string, number>();
  for (const application of applications) {
    const action = desk.actions.find((a) => a.id === application.actionId);
    const record = action?.record === undefined ? undefined : byId.get(action.record);
    if (!action || !record) continue;
    const scope = { ...context, input: shownInputs(action, application.input) };
    const values = (cells: Record<string, string>) =>
      Object.entries(cells).map(([key, value]) => [key, renderTemplate(value, scope)] as const);
    if ('fields' in record && action.set) {
      for (const [label, value] of values(action.set)) {
        const field = record.fields.find((f) => f.label === label);
        if (field) field.value = value;
      }
    }
    if ('rows' in record) {
      const chosen = new Set(chosenRows(action, application.input));
      if (action.set) {
        for (const row of record.rows.filter((r) => chosen.has(r.id))) {
          Object.assign(row.cells, Object.fromEntries(values(action.set)));
        }
      }
      if (action.add) {
        const number = (added.get(record.id) ?? 0) + 1;
        added.set(record.id, number);
        const cells = Object.fromEntries(values(action.add));
        // A fixed id used a second time gets a suffix: rows are picked by id, so each is unique.
        const wanted = cells.id ?? String(number);
        let id = wanted;
        for (let n = 2; record.rows.some((row) => row.id === id); n++) id = `${wanted} (${n})`;
        record.rows.push({ id, cells: { ...cells, id } });
      }
    }
  }
  return records;
}

/** What the candidate reads once an action is done. */
export function actionResult(
  action: DeskAction,
  input: Record<string, DeskInputValue>,
  context: object,
) {
  return action.result
    ? renderTemplate(action.result, { ...context, input: shownInputs(action, input) })
    : `Done: ${action.label}.`;
}

/**
 * The candidate's input checked against the action's form and the records as they are: the input as
 * the log keeps it, or the field at fault and why. Nothing outside the form is accepted.
 */
export function checkInput(
  action: DeskAction,
  given: unknown,
  records: readonly RecordView[],
): { input: Record<string, DeskInputValue> } | { field: string; reason: string } {
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    return { field: 'input', reason: 'input must be a map of the action’s input ids to values' };
  }
  const values = given as Record<string, unknown>;
  const unknown = Object.keys(values).find((key) => !action.inputs.some((i) => i.id === key));
  if (unknown !== undefined) {
    const known = action.inputs.map((i) => i.id).join(', ') || 'none';
    return {
      field: `input.${unknown}`,
      reason: `is not an input of this action (its inputs: ${known})`,
    };
  }
  const input: Record<string, DeskInputValue> = {};
  for (const field of action.inputs) {
    // Own keys only: an input named like an Object.prototype member is never found there.
    const value = Object.hasOwn(values, field.id) ? values[field.id] : undefined;
    const at = `input.${field.id}`;
    if (value === undefined || value === null || value === '') {
      if (field.optional) continue;
      return { field: at, reason: `${field.label}: this is required` };
    }
    const checked = checkValue(field, value, action, records);
    if (typeof checked === 'object' && 'reason' in checked)
      return { field: at, reason: `${field.label}: ${checked.reason}` };
    input[field.id] = checked;
  }
  return { input };
}

function checkValue(
  field: DeskInput,
  value: unknown,
  action: DeskAction,
  records: readonly RecordView[],
): DeskInputValue | { reason: string } {
  switch (field.type) {
    case 'rows': {
      const record = records.find((r) => r.id === action.record);
      const ids = new Set(record && 'rows' in record ? record.rows.map((row) => row.id) : []);
      const chosen = Array.isArray(value) ? value : [value];
      if (chosen.length === 0 || !chosen.every((id) => typeof id === 'string')) {
        return { reason: 'choose at least one row' };
      }
      if (field.pick === 'one' && chosen.length > 1) return { reason: 'choose exactly one row' };
      const missing = chosen.find((id) => !ids.has(id));
      if (missing !== undefined) return { reason: `there is no row ${String(missing)} here` };
      return [...new Set(chosen)];
    }
    case 'money': {
      // Text only as a plain amount ("12.50"): not "0x28" or "1e1", which Number() would read.
      const amount =
        typeof value === 'string' ? (/^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN) : value;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) {
        return { reason: 'must be an amount above 0, such as 12.50' };
      }
      if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6)
        return { reason: 'must have at most two decimals' };
      if (field.max !== undefined && amount > field.max) {
        return { reason: `must be at most ${field.max.toFixed(2)}` };
      }
      // Logged in cents' precision: 0.1 + 0.2 is 0.3.
      return Math.round(amount * 100) / 100;
    }
    case 'choice':
      if (typeof value !== 'string' || !field.options!.includes(value)) {
        return { reason: `must be one of: ${field.options!.join(', ')}` };
      }
      return value;
    case 'text': {
      if (typeof value !== 'string' || !/\S/.test(value)) return { reason: 'must be text' };
      const max = field.maxLength ?? 500;
      if (value.length > max) return { reason: `must be at most ${max} characters long` };
      return value.trim();
    }
  }
}

/** Whether one application meets `when` on its own: the action, any of `rowsInclude`, every input condition. */
export function applicationMatches(
  desk: DeskDefinition,
  when: DeskCondition,
  application: Application,
): boolean {
  if (when.action === undefined || when.action !== application.actionId) return false;
  const action = desk.actions.find((a) => a.id === application.actionId);
  if (!action) return false;
  if (when.rowsInclude) {
    const chosen = chosenRows(action, application.input);
    if (!when.rowsInclude.some((id) => chosen.includes(id))) return false;
  }
  return Object.entries(when.input ?? {}).every(([id, condition]) =>
    valueMeets(application.input[id], condition),
  );
}

function valueMeets(
  value: DeskInputValue | undefined,
  { atLeast, atMost, is }: InputCondition,
): boolean {
  if (value === undefined) return false;
  if (typeof value === 'number') {
    return (atLeast === undefined || value >= atLeast) && (atMost === undefined || value <= atMost);
  }
  if (is === undefined) return true;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => is.some((wanted) => wanted.toLowerCase() === v.toLowerCase()));
}

/** The mistakes of the story that this application makes, by id. */
export function mistakesOf(desk: DeskDefinition, application: Application): string[] {
  return desk.mistakes
    .filter((mistake) => applicationMatches(desk, mistake.when, application))
    .map((mistake) => mistake.id);
}

/**
 * The checkpoints whose action rules hold once `applications` (every action so far, the newest
 * last) are applied, and that the newest one brought about. `rows` counts every application of the
 * action that meets the rest of the rule: refunding two payments, then seven more, meets "exactly
 * these nine"; one wrong row among them never does.
 */
export function checkpointsMetByAction(
  desk: DeskDefinition,
  applications: readonly Application[],
): string[] {
  const newest = applications.at(-1);
  if (!newest) return [];
  return desk.rules
    .filter(({ when }) => {
      if (!applicationMatches(desk, when, newest)) return false;
      if (!when.rows) return true;
      const action = desk.actions.find((a) => a.id === newest.actionId)!;
      const chosen = new Set(
        applications
          .filter((application) => applicationMatches(desk, when, application))
          .flatMap((application) => chosenRows(action, application.input)),
      );
      const wanted = new Set(when.rows);
      return chosen.size === wanted.size && [...wanted].every((id) => chosen.has(id));
    })
    .map((rule) => rule.checkpoint);
}

/** The checkpoints an email or a report to the product team meets. */
export function checkpointsMetBy(desk: DeskDefinition, kind: 'email' | 'report'): string[] {
  return desk.rules.filter((rule) => rule.when[kind] === true).map((rule) => rule.checkpoint);
}

function chosenRows(action: DeskAction, input: Record<string, DeskInputValue>): string[] {
  const field = action.inputs.find((i) => i.type === 'rows');
  const value = field && input[field.id];
  return Array.isArray(value) ? value : [];
}

/** Inputs as effects and results show them (deskValue): rows joined, amounts such as 2,520.00. */
function shownInputs(
  action: DeskAction,
  input: Record<string, DeskInputValue>,
): Record<string, string> {
  return Object.fromEntries(
    action.inputs.map((field) => {
      const value = input[field.id];
      return [field.id, value === undefined ? '' : deskValue(value)];
    }),
  );
}

function render(record: DeskRecord, context: object): RecordView {
  const title = renderTemplate(record.title, context);
  if ('fields' in record) {
    return {
      id: record.id,
      title,
      fields: Object.entries(record.fields).map(([label, value]) => ({
        label,
        value: renderTemplate(value, context),
      })),
    };
  }
  return {
    id: record.id,
    title,
    columns: Object.entries(record.columns).map(([key, label]) => ({ key, label })),
    rows: record.rows.map((row) => ({
      id: row.id,
      cells: Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, renderTemplate(value, context)]),
      ),
    })),
  };
}

/** A rule's or a mistake's condition in plain words, for the staff's scenario page. */
function describeCondition(desk: DeskDefinition, when: DeskCondition): string {
  if (when.email) {
    const facts = when.mentions?.length
      ? `, ideally mentioning ${when.mentions.join(' and ')}`
      : '';
    return `the candidate emails the customer${facts}`;
  }
  if (when.report) return 'the candidate files a report to the product team';
  const action = desk.actions.find((a) => a.id === when.action);
  const parts = [`"${action?.label ?? when.action}"`];
  if (when.rows) parts.push(`on exactly ${when.rows.join(', ')} (over every time it is used)`);
  if (when.rowsInclude) parts.push(`on any of ${when.rowsInclude.join(', ')}`);
  for (const [id, { atLeast, atMost, is }] of Object.entries(when.input ?? {})) {
    const label = action?.inputs.find((input) => input.id === id)?.label ?? id;
    if (atLeast !== undefined) parts.push(`with ${label} at least ${atLeast}`);
    if (atMost !== undefined) parts.push(`with ${label} at most ${atMost}`);
    if (is) parts.push(`with ${label} ${is.join(' or ')}`);
  }
  return `the candidate uses ${parts.join(' ')}`;
}

/**
 * The desk as the staff's scenario page shows it: records as lists or tables, each input in words,
 * the checkpoints the desk meets and the story's mistakes, each with its condition in words.
 */
export function deskInWords(desk: DeskDefinition, checkpoint: (id: string) => string) {
  return {
    records: desk.records.map((record) =>
      'fields' in record
        ? {
            ...record,
            fields: Object.entries(record.fields).map(([label, value]) => ({ label, value })),
          }
        : {
            ...record,
            columns: Object.values(record.columns),
            rows: record.rows.map((row) =>
              Object.keys(record.columns).map((key) => row[key] ?? ''),
            ),
          },
    ),
    actions: desk.actions.map((action) => ({
      ...action,
      inputs: action.inputs.map((input) => ({ ...input, detail: inputInWords(input) })),
    })),
    rules: desk.rules.map((rule) => ({
      checkpoint: checkpoint(rule.checkpoint),
      when: describeCondition(desk, rule.when),
    })),
    mistakes: desk.mistakes.map((mistake) => ({
      note: mistake.note,
      when: describeCondition(desk, mistake.when),
    })),
  };
}

function inputInWords(input: DeskInput): string {
  switch (input.type) {
    case 'rows':
      return `pick ${input.pick === 'one' ? 'one row' : 'rows'}`;
    case 'money':
      return `an amount up to ${input.max}`;
    case 'choice':
      return `one of ${input.options!.join(', ')}`;
    case 'text':
      return `text up to ${input.maxLength} characters`;
  }
}
