import type { Diagnostic, FieldPath, PositionedYaml } from './diagnostics';
import type { DeskInput } from '@hotseat/events';
import type { DeskDefinition } from './desk';
import type { ScenarioFile } from './dto/scenario-file';
import { checkTemplate } from './templates';

/**
 * The desk checks that need more than one field: ids, references between records, actions, inputs,
 * rules and checkpoints, row ids, columns, and every template (docs/scenario-format.md, "The agent
 * desk"). The field-by-field shape is desk-file.ts's.
 */
export function deskDiagnostics(
  yaml: PositionedYaml,
  raw: Record<string, unknown>,
  context: object,
): Diagnostic[] {
  const desk = asRecord(raw.desk);
  if (!('desk' in raw)) return [];
  const found: Diagnostic[] = [];
  const at = (path: FieldPath, message: string) => found.push(yaml.at(['desk', ...path], message));
  const checkpointIds = new Set(
    asArray(asRecord(raw.solution).checkpoints).map((c) => asRecord(c).id),
  );

  const records = new Map<string, { table: boolean; keys: Set<string>; rows: Set<string> }>();
  asArray(desk.records).forEach((item, index) => {
    const record = asRecord(item);
    const path = ['records', index];
    if (typeof record.id !== 'string') return;
    if (records.has(record.id)) {
      at([...path, 'id'], `${record.id} is used twice: record ids must be unique`);
      return;
    }
    const table = 'columns' in record || 'rows' in record;
    if (table === 'fields' in record) {
      at(path, 'must have either fields (a single record) or columns and rows (a table)');
      return;
    }
    templateIn(yaml, ['desk', ...path, 'title'], record.title, context, found);
    if (!table) {
      Object.entries(asRecord(record.fields)).forEach(([label, value]) => {
        if (label.includes('{{')) {
          found.push(
            yaml.atKey(
              ['desk', ...path, 'fields', label],
              'is shown as written: a field’s label is plain text, without {{ }}',
            ),
          );
        }
        cellValue(yaml, ['desk', ...path, 'fields', label], value, context, found);
      });
      records.set(record.id, {
        table,
        keys: new Set(Object.keys(asRecord(record.fields))),
        rows: new Set(),
      });
      return;
    }
    const columns = asRecord(record.columns);
    const keys = Object.keys(columns);
    if (!('columns' in record)) at(path, 'must give its columns (column key -> heading), id first');
    else if (keys[0] !== 'id') {
      at([...path, 'columns'], 'must start with id: each row is picked by its id');
    }
    keys.forEach((key) => {
      if (typeof columns[key] !== 'string') {
        at([...path, 'columns', key], 'must be the column’s heading, as text');
      } else if (columns[key].includes('{{')) {
        at(
          [...path, 'columns', key],
          'is shown as written: a heading is plain text, without {{ }}',
        );
      }
    });
    if (!Array.isArray(record.rows)) at(path, 'must give its rows (a list, one map per row)');
    const rowIds = new Set<string>();
    asArray(record.rows).forEach((rowItem, rowIndex) => {
      const row = asRecord(rowItem);
      const rowPath = [...path, 'rows', rowIndex];
      const id = row.id;
      if (typeof id !== 'string' && typeof id !== 'number') {
        at(rowPath, 'must have an id: the name the candidate and the rules pick this row by');
      } else if (String(id).includes('{{')) {
        at([...rowPath, 'id'], 'must be plain text: rules name rows by their id');
      } else if (rowIds.has(String(id))) {
        at([...rowPath, 'id'], `${id} is used twice: row ids in a record must be unique`);
      } else rowIds.add(String(id));
      Object.entries(row).forEach(([key, value]) => {
        if (key !== 'id' && !keys.includes(key)) {
          found.push(
            yaml.atKey(
              ['desk', ...rowPath, key],
              `is not a column of ${String(record.id)} (its columns: ${keys.join(', ')})`,
            ),
          );
        } else cellValue(yaml, ['desk', ...rowPath, key], value, context, found);
      });
    });
    records.set(record.id, { table, keys: new Set(keys), rows: rowIds });
  });

  const actions = new Map<
    string,
    { record?: string; inputs: Map<string, string>; options: Map<string, unknown[]> }
  >();
  asArray(desk.actions).forEach((item, index) => {
    const action = asRecord(item);
    const path = ['actions', index];
    if (typeof action.id !== 'string') return;
    if (actions.has(action.id)) {
      at([...path, 'id'], `${action.id} is used twice: action ids must be unique`);
    }
    const record = typeof action.record === 'string' ? records.get(action.record) : undefined;
    if (typeof action.record === 'string' && !record) {
      at(
        [...path, 'record'],
        `names the record ${action.record}, which the desk does not have (its records: ${[...records.keys()].join(', ')})`,
      );
    }
    const inputs = new Map<string, string>();
    const options = new Map<string, unknown[]>();
    const optional = new Set<string>();
    asArray(action.inputs).forEach((inputItem, inputIndex) => {
      const input = asRecord(inputItem);
      const inputPath = [...path, 'inputs', inputIndex];
      if (typeof input.id !== 'string' || typeof input.type !== 'string') return;
      if (inputs.has(input.id)) {
        at(
          [...inputPath, 'id'],
          `${input.id} is used twice: input ids of an action must be unique`,
        );
      }
      inputs.set(input.id, input.type);
      if (Array.isArray(input.options)) options.set(input.id, input.options);
      if (input.optional === true) optional.add(input.id);
      for (const [field, type] of [
        ['pick', 'rows'],
        ['max', 'money'],
        ['options', 'choice'],
        ['maxLength', 'text'],
      ] as const) {
        if (field in input && input.type !== type) {
          at([...inputPath, field], `is only for ${type} inputs`);
        }
      }
      if (input.type === 'money' && !('max' in input)) {
        at(inputPath, 'must give max: the largest amount the candidate may enter');
      }
      if (input.type === 'choice' && !('options' in input)) {
        at(inputPath, 'must give options: the list the candidate chooses from');
      }
      if (input.type === 'rows' && !record?.table) {
        at(
          inputPath,
          'picks rows, so the action needs record: set to a table (a record with rows)',
        );
      }
    });
    if ([...inputs.values()].filter((type) => type === 'rows').length > 1) {
      at([...path, 'inputs'], 'may have at most one rows input');
    }
    // Every template must render with every input given, and with the optional ones left blank.
    const scopes = [false, true].map((blank) => ({
      ...context,
      input: Object.fromEntries(
        [...inputs.keys()].map((id) => [id, blank && optional.has(id) ? '' : 'sample']),
      ),
    }));
    const template = (path: FieldPath, value: unknown, check: typeof cellValue) => {
      for (const scope of scopes) {
        const before = found.length;
        check(yaml, path, value, scope, found);
        if (found.length > before) return;
      }
    };
    for (const effect of ['set', 'add'] as const) {
      if (!(effect in action)) continue;
      if (!record) {
        if (!('record' in action)) {
          at(
            [...path, effect],
            'changes a record, so the action needs record: (the record it acts on)',
          );
        }
        continue;
      }
      if (effect === 'add' && !record.table) {
        at([...path, effect], 'adds a row, so record: must be a table (a record with rows)');
      }
      if (effect === 'set' && record.table && ![...inputs.values()].includes('rows')) {
        at([...path, effect], 'sets values on the chosen rows, so the action needs a rows input');
      }
      Object.entries(asRecord(action[effect])).forEach(([key, value]) => {
        if (!record.keys.has(key) || (effect === 'set' && record.table && key === 'id')) {
          found.push(
            yaml.atKey(
              ['desk', ...path, effect, key],
              `is not a ${record.table ? 'column' : 'field'} that this action can change (${[...record.keys].filter((k) => effect === 'add' || k !== 'id').join(', ')})`,
            ),
          );
        } else template(['desk', ...path, effect, key], value, cellValue);
      });
    }
    template(['desk', ...path, 'result'], action.result, templateIn);
    actions.set(action.id, {
      record: typeof action.record === 'string' ? action.record : undefined,
      inputs,
      options,
    });
  });

  const condition = (when: Record<string, unknown>, path: FieldPath, mistake: boolean) => {
    const kinds = (['action', 'email', 'report'] as const).filter((kind) => kind in when);
    if (mistake && kinds.some((kind) => kind !== 'action')) {
      at(path, 'must be about an action: emails and reports are never mistakes here');
      return;
    }
    if (kinds.length !== 1) {
      at(path, 'must say exactly one of action: (an action id), email: true or report: true');
      return;
    }
    if ('mentions' in when && !('email' in when))
      at([...path, 'mentions'], 'is only for email: true');
    if (mistake && 'rows' in when) {
      at([...path, 'rows'], 'is for rules; a mistake uses rowsInclude: any of these rows');
    }
    if (kinds[0] !== 'action') {
      for (const key of ['rows', 'rowsInclude', 'input']) {
        if (key in when) at([...path, key], 'is only for conditions about an action');
      }
      return;
    }
    if (typeof when.action !== 'string') return;
    const action = actions.get(when.action);
    if (!action) {
      at(
        [...path, 'action'],
        `names the action ${when.action}, which the desk does not have (its actions: ${[...actions.keys()].join(', ')})`,
      );
      return;
    }
    const rows = action.record ? records.get(action.record)?.rows : undefined;
    for (const key of ['rows', 'rowsInclude'] as const) {
      if (!(key in when)) continue;
      if (![...action.inputs.values()].includes('rows') || !rows) {
        at([...path, key], `names rows, but ${when.action} has no rows input`);
        continue;
      }
      asArray(when[key]).forEach((id, index) => {
        if (!rows.has(String(id))) {
          at(
            [...path, key, index],
            `names the row ${String(id)}, which ${action.record} does not have`,
          );
        }
      });
    }
    Object.entries(asRecord(when.input)).forEach(([id, rule]) => {
      const type = action.inputs.get(id);
      const rulePath = [...path, 'input', id];
      if (!type) {
        at(
          rulePath,
          `is not an input of ${String(when.action)} (its inputs: ${[...action.inputs.keys()].join(', ') || 'none'})`,
        );
        return;
      }
      const given = asRecord(rule);
      const allowed = type === 'money' ? ['atLeast', 'atMost'] : type === 'rows' ? [] : ['is'];
      const keys = Object.keys(given);
      if (keys.length === 0 || keys.some((key) => !allowed.includes(key))) {
        at(
          rulePath,
          type === 'rows'
            ? 'use rows or rowsInclude for a rows input'
            : `must be a map of ${allowed.join(' and ')} for a ${type} input`,
        );
        return;
      }
      for (const key of ['atLeast', 'atMost']) {
        if (key in given && typeof given[key] !== 'number')
          at([...rulePath, key], 'must be a number');
      }
      if ('is' in given && !isTextOrTexts(given.is)) {
        at([...rulePath, 'is'], 'must be a value or a list of values, as text');
      } else if ('is' in given && action.options.has(id)) {
        const choices = action.options.get(id)!;
        const wanted: unknown[] = Array.isArray(given.is) ? given.is : [given.is];
        const unknown = wanted.find((value) => !choices.includes(value));
        if (unknown !== undefined) {
          at(
            [...rulePath, 'is'],
            `names ${JSON.stringify(unknown)}, which is not an option of ${id} (its options: ${choices.join(', ')})`,
          );
        }
      }
    });
  };

  const seenMistakes = new Set<string>();
  asArray(desk.rules).forEach((item, index) => {
    const rule = asRecord(item);
    if (typeof rule.checkpoint === 'string' && !checkpointIds.has(rule.checkpoint)) {
      at(
        ['rules', index, 'checkpoint'],
        `names the checkpoint ${rule.checkpoint}, which solution.checkpoints does not have`,
      );
    }
    condition(asRecord(rule.when), ['rules', index, 'when'], false);
  });
  if (
    asArray(desk.rules).filter((rule) => asRecord(asRecord(rule).when).email === true).length > 1
  ) {
    at(['rules'], 'may have at most one email rule: it names the facts the confirmation mentions');
  }
  asArray(desk.mistakes).forEach((item, index) => {
    const mistake = asRecord(item);
    if (typeof mistake.id === 'string') {
      if (seenMistakes.has(mistake.id)) {
        at(['mistakes', index, 'id'], `${mistake.id} is used twice: mistake ids must be unique`);
      }
      seenMistakes.add(mistake.id);
    }
    if (typeof mistake.note === 'string' && mistake.note.includes('{{')) {
      at(['mistakes', index, 'note'], 'is shown as written: a note is plain text, without {{ }}');
    }
    condition(asRecord(mistake.when), ['mistakes', index, 'when'], true);
  });
  return found;
}

/** The desk as the definition keeps it: every value text, every default filled in. */
export function deskDefinition(desk: NonNullable<ScenarioFile['desk']>): DeskDefinition {
  const text = (cells: Record<string, unknown> | undefined) =>
    cells && Object.fromEntries(Object.entries(cells).map(([key, value]) => [key, String(value)]));
  const condition = (when: Record<string, unknown>) => ({
    ...when,
    ...(when.input
      ? {
          input: Object.fromEntries(
            Object.entries(when.input as Record<string, Record<string, unknown>>).map(
              ([id, { is, ...range }]) => [
                id,
                {
                  ...range,
                  ...(is === undefined ? {} : { is: (Array.isArray(is) ? is : [is]).map(String) }),
                },
              ],
            ),
          ),
        }
      : {}),
  });
  return {
    records: desk.records.map((record) =>
      record.fields
        ? { id: record.id, title: record.title, fields: text(record.fields)! }
        : {
            id: record.id,
            title: record.title,
            columns: text(record.columns)!,
            rows: (record.rows ?? []).map((row) => text(row)!),
          },
    ),
    actions: desk.actions.map((action) => ({
      ...action,
      inputs: (action.inputs ?? []).map((input): DeskInput => ({
        ...input,
        ...(input.type === 'rows' ? { pick: input.pick ?? 'many' } : {}),
        ...(input.type === 'text' ? { maxLength: input.maxLength ?? 500 } : {}),
        optional: input.optional ?? false,
      })),
      set: text(action.set),
      add: text(action.add),
    })),
    rules: (desk.rules ?? []).map((rule) => ({
      checkpoint: rule.checkpoint,
      when: condition(rule.when as Record<string, unknown>),
    })),
    mistakes: (desk.mistakes ?? []).map((mistake) => ({
      ...mistake,
      when: condition(mistake.when as Record<string, unknown>),
    })),
  };
}

/** A diagnostic for a template that does not render with `context`, at its exact line and column. */
export function templateIn(
  yaml: PositionedYaml,
  path: FieldPath,
  template: unknown,
  context: object,
  found: Diagnostic[],
): void {
  if (typeof template !== 'string') return;
  const problem = checkTemplate(template, context);
  if (!problem) return;
  const start = yaml.textStart(path);
  const diagnostic = yaml.at(path, problem.message);
  found.push({
    ...diagnostic,
    line: start.line + problem.line - 1,
    column: problem.line === 1 || start.block ? start.column + problem.column - 1 : problem.column,
  });
}

function cellValue(
  yaml: PositionedYaml,
  path: FieldPath,
  value: unknown,
  context: object,
  found: Diagnostic[],
): void {
  if (typeof value === 'number') return;
  if (typeof value !== 'string') {
    found.push(yaml.at(path, 'must be text or a number'));
    return;
  }
  templateIn(yaml, path, value, context, found);
}

function isTextOrTexts(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
