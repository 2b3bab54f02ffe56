import Handlebars from 'handlebars';

/** The names every line may use, besides the scenario's own `variables`. */
export const RESERVED_VARIABLES = ['candidate', 'customer', 'company'] as const;

export interface CandidateName {
  firstName: string;
  lastName: string;
}

export interface TemplateSource {
  company: string;
  persona: { name: string };
  variables: Record<string, unknown>;
}

// An environment of our own: no helpers beyond Handlebars' built-in ones (if, each, with, unless).
const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function templateContext(scenario: TemplateSource, candidate: CandidateName) {
  const [customerFirstName] = scenario.persona.name.split(' ');
  return {
    ...scenario.variables,
    candidate: { ...candidate, name: `${candidate.firstName} ${candidate.lastName}`.trim() },
    customer: { name: scenario.persona.name, firstName: customerFirstName },
    company: scenario.company,
  };
}

/**
 * Renders a line strictly: a variable that does not exist throws instead of becoming "". Output is
 * plain text (no HTML escaping); whoever displays it escapes it.
 */
export function renderTemplate(template: string, context: object): string {
  let render = compiled.get(template);
  if (!render) {
    render = handlebars.compile(template, { strict: true, knownHelpersOnly: true, noEscape: true });
    compiled.set(template, render);
  }
  return render(context);
}

export interface TemplateProblem {
  /** 1-based line and column inside the template. */
  line: number;
  column: number;
  message: string;
}

/** Undefined when `template` renders with `context`; otherwise what is wrong and where. */
export function checkTemplate(template: string, context: object): TemplateProblem | undefined {
  try {
    renderTemplate(template, context);
    return undefined;
  } catch (error) {
    const { message, lineNumber, column } = error as Error & {
      lineNumber?: number;
      column?: number;
    };
    if (lineNumber === undefined || column === undefined) {
      const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
      return { line, column: 1, message: 'is not a valid template: check the {{ }} on this line' };
    }
    // Handlebars names only the last part of a missing path; read the whole path from the template.
    const at = template.split('\n')[lineNumber - 1]?.slice(column) ?? '';
    const name = /^[\w.@/-]+/.exec(at)?.[0] ?? /^"([^"]+)"/.exec(message)?.[1];
    const unknownHelper = /unknown helper (\S+)/.exec(message)?.[1];
    return {
      line: lineNumber,
      column: column + 1,
      message: unknownHelper
        ? `uses the helper ${unknownHelper}, which does not exist (use if, unless, each or with)`
        : `uses {{${name}}}, which is not a known variable (known: ${knownVariables(context).join(', ')})`,
    };
  }
}

function knownVariables(context: object, prefix = ''): string[] {
  return Object.entries(context).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? knownVariables(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
