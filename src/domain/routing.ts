export interface ExpertCandidate {
  id: string;
  name: string;
  skills: string[];
  languages: string[];
  openQuestions: number;
}

export interface RoutingDecision {
  expertId: string | null;
  reason: string;
}

/**
 * The least-loaded expert with the skill and the language; none means the skill's team queue.
 * Ties go to the name, so the choice is stable and explainable.
 */
export function routeQuestion(
  skill: string,
  language: string,
  candidates: ExpertCandidate[],
): RoutingDecision {
  const able = candidates
    .filter((c) => c.skills.includes(skill) && c.languages.includes(language))
    .sort((a, b) => a.openQuestions - b.openQuestions || a.name.localeCompare(b.name));
  const chosen = able[0];
  if (!chosen) {
    return {
      expertId: null,
      reason: `no expert with skill ${skill} speaking ${language}: sent to the ${skill} team queue`,
    };
  }
  return {
    expertId: chosen.id,
    reason: `routed to ${chosen.name}: skill ${skill}, speaks ${language}, ${chosen.openQuestions} open question${chosen.openQuestions === 1 ? '' : 's'}`,
  };
}
