import type { ScenarioDefinition } from '@hotseat/scenarios';

/**
 * What a practice session can judge (docs/protocol.md, "Practice"): nobody ticks checkpoints by hand
 * in practice, so its checkpoints are the ones the scenario's desk meets by its rules. A practice is
 * complete when every required one of those is met; a scenario whose desk meets no required
 * checkpoint has a practice that only its time limit or its candidate ends.
 */
export function practiceCheckpoints(definition: ScenarioDefinition) {
  const ruled = new Set(definition.desk?.rules.map((rule) => rule.checkpoint));
  return definition.solution.checkpoints.filter((checkpoint) => ruled.has(checkpoint.id));
}

export function practiceComplete(
  definition: ScenarioDefinition,
  met: (checkpointId: string) => boolean,
): boolean {
  const required = practiceCheckpoints(definition).filter((checkpoint) => checkpoint.required);
  return required.length > 0 && required.every((checkpoint) => met(checkpoint.id));
}
