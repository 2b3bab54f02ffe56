import type { CandidateName } from '@hotseat/scenarios';

/** "Ada Lovelace King" -> first "Ada", last "Lovelace King", for scenario lines' {{candidate.*}}. */
export function splitName(name: string): CandidateName {
  const [firstName = '', ...rest] = name.trim().split(/\s+/);
  return { firstName, lastName: rest.join(' ') };
}
