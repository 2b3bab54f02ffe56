/**
 * The agent desk in the candidate's room (docs/protocol.md, desk:*): the customer's records to look
 * up, the actions on them with forms checked before sending, the email to the customer and the
 * report to the product team. Records are shown as the server answers them (derived from the log);
 * what the candidate has done is drawn from their own events, so a reload shows it again. The page
 * is given the records' titles and the actions' forms only: never which action is right.
 */
import {
  EVENT,
  isEvent,
  type CandidateDesk,
  type CandidateDeskAction as DeskAction,
  type DeskInput,
  type DeskInputValue,
  type RecordView,
  type SessionEvent,
} from '@hotseat/events';
import { byId, el, one, wallClock } from './dom';
import type { RoleplayConnection } from './roleplay-connection';

export interface DeskPart {
  show(event: SessionEvent): void;
  /** Follows whether the role-play is live: the desk acts only then. */
  update(): void;
}

interface DeskOptions {
  desk: CandidateDesk;
  connection: RoleplayConnection;
  live: () => boolean;
  /** The candidate's link no longer works: the page's banner says so. */
  linkEnded: () => boolean;
}

/** A problem with a field, in words for the candidate, and where to put the focus. */
interface Problem {
  message: string;
  focus: HTMLElement | null;
}

const OPTIONAL_PARTS = ['steps', 'impact', 'customersAffected', 'suggestion'] as const;
type OptionalPart = (typeof OPTIONAL_PARTS)[number];

const NO_ANSWER = 'The desk did not answer. Check your connection, then try again.';
const TEXT_MAX = 500;

export function candidateDesk({ desk, connection, live, linkEnded }: DeskOptions): DeskPart {
  const panel = byId('desk');
  const status = byId('desk-status');
  const recordBox = byId('desk-record');
  const recordTitle = byId('record-title');
  const recordBody = byId('record-body');
  const recordActions = byId('record-actions');
  const formHost = byId('action-form');
  const result = byId('action-result');
  const log = byId('desk-log');
  /** Controls waiting for an answer: they stay disabled until it comes. */
  const busy = new Set<HTMLElement>();
  const records = new Map<string, RecordView>();
  let shown: string | null = null;
  let ended = false;
  let form: { action: DeskAction; element: HTMLFormElement } | null = null;

  const recordButtons = desk.records.map((record) => {
    const button = el('button', { type: 'button', class: 'secondary' }, record.title);
    button.dataset.record = record.id;
    button.addEventListener('click', () => void view(record.id, button));
    return button;
  });
  byId('desk-records').replaceChildren(...recordButtons.map((button) => el('li', {}, button)));

  async function view(recordId: string, button: HTMLButtonElement): Promise<void> {
    if (!live()) return;
    busy.add(button);
    update();
    say('Looking it up…');
    try {
      const answer = await connection.act('desk:view', { recordId });
      if (!answer.ok) return say(answer.error.message);
      say('');
      records.set(recordId, answer.record);
      if (shown !== recordId || (form && generalActions.includes(form.action))) {
        closeForm(false);
        result.textContent = '';
        place(null);
      }
      shown = recordId;
      for (const other of recordButtons) {
        if (other === button) other.setAttribute('aria-current', 'true');
        else other.removeAttribute('aria-current');
      }
      drawRecord();
      recordBox.hidden = false;
      recordTitle.focus();
    } catch {
      say(NO_ANSWER);
    } finally {
      busy.delete(button);
      update();
    }
  }

  function say(text: string): void {
    status.textContent = text;
  }

  function drawRecord(): void {
    const record = shown === null ? undefined : records.get(shown);
    if (!record) return;
    recordTitle.textContent = record.title;
    recordBody.replaceChildren('fields' in record ? fieldsOf(record) : tableOf(record));
    const actions = desk.actions.filter((action) => action.record === record.id);
    recordActions.replaceChildren(...actions.map(actionButton));
    recordActions.hidden = actions.length === 0;
    update();
  }

  /** The actions on no record of the desk (escalating, say): offered beside the records. */
  const general = byId('desk-general');
  const generalActions = desk.actions.filter(
    (action) => !desk.records.some((record) => record.id === action.record),
  );
  function drawGeneral(): void {
    general.replaceChildren(...generalActions.map(actionButton));
    general.hidden = generalActions.length === 0;
  }
  drawGeneral();

  function actionButton(action: DeskAction): HTMLButtonElement {
    const button = el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-expanded': String(form?.action.id === action.id),
        'aria-controls': 'action-form',
      },
      action.label,
    );
    button.dataset.action = action.id;
    button.addEventListener('click', () =>
      form?.action.id === action.id ? closeForm(true) : openForm(action),
    );
    return button;
  }

  /** The form and the result go under the buttons of the action: a record's, or the general ones. */
  function place(action: DeskAction | null): void {
    const under = action && generalActions.includes(action) ? general : recordActions;
    under.after(formHost);
    formHost.after(result);
  }

  function fieldsOf(record: Extract<RecordView, { fields: unknown }>): HTMLElement {
    return el(
      'dl',
      { class: 'record-fields' },
      record.fields.map(({ label, value }) => [el('dt', {}, label), el('dd', {}, value)]),
    );
  }

  function tableOf(record: Extract<RecordView, { rows: unknown }>): HTMLElement {
    if (record.rows.length === 0) return el('p', { class: 'muted' }, 'Nothing here yet.');
    const picking = form?.action.inputs.find((input) => input.type === 'rows');
    const chosen = new Set(picked());
    const head = el(
      'tr',
      {},
      picking && el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Choose')),
      record.columns.map((column) => el('th', { scope: 'col' }, column.label)),
    );
    const body = record.rows.map((row) =>
      el(
        'tr',
        { 'data-row': row.id },
        picking &&
          el(
            'td',
            { class: 'pick' },
            el(
              'label',
              {},
              el('input', {
                type: picking.pick === 'one' ? 'radio' : 'checkbox',
                name: 'desk-rows',
                value: row.id,
                checked: chosen.has(row.id),
                onchange: () => showPicked(),
              }),
              el('span', { class: 'sr-only' }, `Choose ${row.id}`),
            ),
          ),
        record.columns.map((column) => el('td', {}, row.cells[column.key] ?? '')),
      ),
    );
    return el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        { class: 'record-table', 'aria-labelledby': 'record-title' },
        el('thead', {}, head),
        el('tbody', {}, body),
      ),
    );
  }

  /** The rows ticked in the table. */
  function picked(): string[] {
    return [
      ...recordBody.querySelectorAll<HTMLInputElement>('input[name="desk-rows"]:checked'),
    ].map((box) => box.value);
  }

  function showPicked(): void {
    if (form) clearInvalid(form.element);
    const line = formHost.querySelector('.picked');
    if (!line) return;
    const chosen = picked();
    line.textContent = chosen.length ? `Chosen: ${chosen.join(', ')}` : 'None chosen yet.';
  }

  function openForm(action: DeskAction): void {
    closeForm(false);
    result.textContent = '';
    place(action);
    const fieldId = (input: DeskInput) => `desk-${action.id}-${input.id}`;
    const element = el(
      'form',
      { class: 'desk-form', novalidate: true, 'aria-labelledby': 'action-form-title' },
      el('h4', { id: 'action-form-title' }, action.label),
      action.inputs.map((input) => fieldOf(input, fieldId(input))),
      el('p', { class: 'error', id: 'action-form-error', role: 'alert', hidden: true }),
      el(
        'div',
        { class: 'form-actions' },
        el('button', { type: 'submit' }, 'Confirm'),
        el(
          'button',
          { type: 'button', class: 'secondary', onclick: () => closeForm(true) },
          'Cancel',
        ),
      ),
    );
    element.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(action, element);
    });
    // A problem that was pointed out goes once the candidate changes something.
    element.addEventListener('input', () => clearInvalid(element));
    form = { action, element };
    formHost.replaceChildren(element);
    formHost.hidden = false;
    drawRecord();
    drawGeneral();
    showPicked();
    update();
    // The first thing to fill in: the table's first box for rows, else the first field.
    const first = action.inputs[0];
    const target =
      first?.type === 'rows'
        ? recordBody.querySelector<HTMLInputElement>('input[name="desk-rows"]')
        : first && document.getElementById(fieldId(first));
    (target ?? one<HTMLButtonElement>(element, 'button[type="submit"]')).focus();
  }

  function closeForm(moveFocus: boolean): void {
    if (!form) return;
    const { action } = form;
    form = null;
    formHost.replaceChildren();
    formHost.hidden = true;
    drawRecord();
    drawGeneral();
    // Back to the button that opened it (drawn anew).
    if (moveFocus) panel.querySelector<HTMLButtonElement>(`[data-action="${action.id}"]`)?.focus();
  }

  function fieldOf(input: DeskInput, id: string): HTMLElement {
    const label = input.optional ? `${input.label} (optional)` : input.label;
    const hintId = `${id}-hint`;
    switch (input.type) {
      case 'rows':
        return el(
          'div',
          { class: 'desk-field', id, tabindex: -1 },
          el('p', { class: 'field-label' }, label),
          el(
            'p',
            { class: 'hint' },
            input.pick === 'one'
              ? 'Choose one row in the table above.'
              : 'Tick them in the table above.',
          ),
          el('p', { class: 'picked', 'aria-live': 'polite' }),
        );
      case 'money':
        return el(
          'div',
          { class: 'desk-field' },
          el('label', { for: id }, label),
          el('input', {
            id,
            name: input.id,
            type: 'number',
            inputmode: 'decimal',
            step: '0.01',
            min: '0.01',
            max: input.max,
            'aria-describedby': input.max === undefined ? undefined : hintId,
          }),
          input.max !== undefined &&
            el('p', { class: 'hint', id: hintId }, `At most ${input.max.toFixed(2)}.`),
        );
      case 'choice':
        return el(
          'div',
          { class: 'desk-field' },
          el('label', { for: id }, label),
          el(
            'select',
            { id, name: input.id },
            el('option', { value: '' }, 'Choose…'),
            (input.options ?? []).map((option) => el('option', { value: option }, option)),
          ),
        );
      case 'text':
        return el(
          'div',
          { class: 'desk-field' },
          el('label', { for: id }, label),
          el('textarea', { id, name: input.id, rows: 2, maxlength: input.maxLength ?? TEXT_MAX }),
        );
    }
  }

  /** The form's values as the action takes them, or the first field at fault and why. */
  function collect(
    action: DeskAction,
    element: HTMLFormElement,
  ): { input: Record<string, DeskInputValue> } | Problem {
    const input: Record<string, DeskInputValue> = {};
    for (const field of action.inputs) {
      const control = element.querySelector<HTMLInputElement>(`[name="${field.id}"]`);
      const problem = (why: string, focus: HTMLElement | null = control): Problem => ({
        message: `${field.label}: ${why}`,
        focus,
      });
      switch (field.type) {
        case 'rows': {
          const chosen = picked();
          const firstBox = recordBody.querySelector<HTMLElement>('input[name="desk-rows"]');
          if (chosen.length === 0) {
            if (field.optional) break;
            return problem(
              field.pick === 'one'
                ? 'choose one row in the table above.'
                : 'choose at least one row in the table above.',
              firstBox,
            );
          }
          input[field.id] = chosen;
          break;
        }
        case 'money': {
          const text = control!.value.trim();
          if (control!.validity.badInput) return problem('write a number, such as 12.50.');
          if (!text) {
            if (field.optional) break;
            return problem('write an amount.');
          }
          const amount = Number(text);
          if (!Number.isFinite(amount) || amount <= 0) {
            return problem('write an amount above 0, such as 12.50.');
          }
          if (Math.abs(Math.round(amount * 100) - amount * 100) > 1e-6) {
            return problem('use at most two decimals, such as 12.50.');
          }
          if (field.max !== undefined && amount > field.max) {
            return problem(`the most you can give here is ${field.max.toFixed(2)}.`);
          }
          input[field.id] = amount;
          break;
        }
        case 'choice': {
          if (!control!.value) {
            if (field.optional) break;
            return problem('choose one of the options.');
          }
          input[field.id] = control!.value;
          break;
        }
        case 'text': {
          const text = control!.value.trim();
          if (!text) {
            if (field.optional) break;
            return problem('write something here.');
          }
          const max = field.maxLength ?? TEXT_MAX;
          if (control!.value.length > max) {
            return problem(`keep it to ${max} characters (it has ${control!.value.length}).`);
          }
          input[field.id] = text;
          break;
        }
      }
    }
    return { input };
  }

  async function submit(action: DeskAction, element: HTMLFormElement): Promise<void> {
    if (!live()) return;
    const error = one(element, '.error');
    clearInvalid(element);
    const collected = collect(action, element);
    if ('message' in collected) return refuse(element, collected);
    const confirm = one<HTMLButtonElement>(element, 'button[type="submit"]');
    busy.add(confirm);
    update();
    error.hidden = true;
    try {
      const answer = await connection.act('desk:act', {
        actionId: action.id,
        input: collected.input,
      });
      if (!answer.ok) {
        const { field, message } = answer.error;
        const inputId = field?.startsWith('input.') ? field.slice('input.'.length) : null;
        const focus = inputId
          ? (element.querySelector<HTMLElement>(`[name="${inputId}"]`) ??
            document.getElementById(`desk-${action.id}-${inputId}`))
          : null;
        // "input.amount: Amount in dollars: must be…": the label already says which field.
        const words =
          field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
        return refuse(element, { message: words, focus });
      }
      for (const record of answer.records) records.set(record.id, record);
      const event = answer.event;
      const done = event && isEvent(event, EVENT.deskActed) ? event.payload.result : 'Done.';
      if (form?.element === element) closeForm(false);
      drawRecord();
      result.textContent = done;
      result.hidden = false;
      result.focus();
    } catch {
      refuse(element, { message: NO_ANSWER, focus: null });
    } finally {
      busy.delete(confirm);
      update();
    }
  }

  // The email to the customer and the report to the product team.
  const emailForm = byId<HTMLFormElement>('desk-email');
  const reportForm = byId<HTMLFormElement>('desk-report');
  emailForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendWriting(emailForm, 'email');
  });
  reportForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendWriting(reportForm, 'report');
  });
  for (const element of [emailForm, reportForm]) {
    element.addEventListener('input', () => clearInvalid(element));
  }

  async function sendWriting(element: HTMLFormElement, kind: 'email' | 'report'): Promise<void> {
    if (!live()) return;
    const sent = one(element, '.sent');
    clearInvalid(element);
    sent.textContent = '';
    const value = (name: string) =>
      element
        .querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!
        .value.trim();
    const required: Array<[string, string]> =
      kind === 'email'
        ? [
            ['subject', 'Subject: write a subject for the email.'],
            ['body', 'Message: write the email to the customer.'],
          ]
        : [
            ['title', 'Title: give the report a title.'],
            ['body', 'What happened: say what went wrong.'],
          ];
    for (const [name, message] of required) {
      if (!value(name)) {
        return refuse(element, { message, focus: element.querySelector(`[name="${name}"]`) });
      }
    }
    const submit = one<HTMLButtonElement>(element, 'button[type="submit"]');
    busy.add(submit);
    update();
    try {
      const answer =
        kind === 'email'
          ? await connection.act('desk:email', { subject: value('subject'), body: value('body') })
          : await connection.act('desk:report', {
              title: value('title'),
              body: value('body'),
              ...optionalParts(value),
            });
      if (!answer.ok) {
        const field = answer.error.field;
        return refuse(element, {
          message: answer.error.message,
          focus: field ? element.querySelector(`[name="${field}"]`) : null,
        });
      }
      element.reset();
      sent.textContent =
        kind === 'email'
          ? `Email sent to the customer at ${wallClock(new Date())}.`
          : `Report filed with the product team at ${wallClock(new Date())}.`;
      sent.focus();
    } catch {
      refuse(element, { message: NO_ANSWER, focus: null });
    } finally {
      busy.delete(submit);
      update();
    }
  }

  function refuse(element: HTMLFormElement, { message, focus }: Problem): void {
    const error = one(element, '.error');
    error.textContent = message;
    error.hidden = false;
    if (!focus) return;
    focus.setAttribute('aria-invalid', 'true');
    const described = (focus.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    if (!described.includes(error.id)) described.push(error.id);
    focus.setAttribute('aria-describedby', described.join(' '));
    focus.focus();
  }

  function clearInvalid(element: HTMLFormElement): void {
    const error = one(element, '.error');
    error.hidden = true;
    for (const node of panel.querySelectorAll('[aria-invalid]')) {
      const ids = (node.getAttribute('aria-describedby') ?? '').split(' ');
      if (!ids.includes(error.id)) continue;
      node.removeAttribute('aria-invalid');
      const described = ids.filter((id) => id && id !== error.id);
      if (described.length) node.setAttribute('aria-describedby', described.join(' '));
      else node.removeAttribute('aria-describedby');
    }
  }

  function update(): void {
    const on = live();
    for (const control of panel.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      'button, input, select, textarea',
    )) {
      control.disabled = !on || busy.has(control);
    }
    const state = byId('desk-state');
    state.textContent = on
      ? ''
      : linkEnded()
        ? 'This link no longer works, and the desk with it.'
        : ended
          ? 'The chat has ended, and the desk with it.'
          : 'You can look up and act on this customer’s records once the chat has started.';
  }

  return {
    show(event) {
      if (event.type === EVENT.sessionEnded || event.type === EVENT.sessionCancelled) ended = true;
      const text = isEvent(event, EVENT.deskActed)
        ? event.payload.result
        : isEvent(event, EVENT.deskEmailed)
          ? `Emailed the customer: “${event.payload.subject}”`
          : isEvent(event, EVENT.deskReported)
            ? `Reported to the product team: “${event.payload.title}”`
            : null;
      if (text === null) return;
      log.querySelector('.empty')?.remove();
      log.append(el('li', {}, el('time', { datetime: event.at }, wallClock(event.at)), ' ', text));
    },
    update,
  };
}

/** The report's optional parts the candidate filled in: an empty one is left out, not sent empty. */
function optionalParts(value: (name: string) => string): Partial<Record<OptionalPart, string>> {
  const parts: Partial<Record<OptionalPart, string>> = {};
  for (const part of OPTIONAL_PARTS) {
    const text = value(part);
    if (text) parts[part] = text;
  }
  return parts;
}
