/**
 * Designated approvers and named team answers on the expert bridge, in English. Spread into `en`,
 * so the French side (messages-approvers-fr.ts) is typed against these keys.
 */
export const approversEn = {
  'approvers.title': 'Designated approvers',
  'approvers.help':
    'Besides advisors, these experts review, edit, approve or send back this brand’s expert answers, and see them in their queue. Only experts can be designated: approving sends the brand’s public reply, which marketing does not do.',
  'approvers.none': 'There is no expert to designate yet.',
  'approvers.save': 'Save the approvers',
  'approvers.saved': 'The designated approvers are saved.',
  'approvers.onlyExperts':
    'only experts can be designated approvers: advisors already approve, marketing does not reply',

  'approval.queue': 'Drafts waiting for your approval',
  'approval.queueHelp':
    'You are a designated approver of these brands: review each draft against the brand’s guidelines.',
  'approval.colDraft': 'Draft',
  'approval.colBrand': 'Brand',
  'approval.colSubmitted': 'Submitted',
  'approval.review': 'Review',

  'teamAnswer.name': 'Your name',
  'teamAnswer.nameHelp':
    'This question went to the whole team: say who answers, so the approver, the case history and the thanks page know.',
  'teamAnswer.pick': 'Or pick yourself from the team',
  'teamAnswer.pickNone': 'Not in the list',
  'teamAnswer.by': 'by {name}',
  'teamAnswer.sayWho': 'say who answers',
  'teamAnswer.notInTeam': 'is not in this team',
} as const;

export type ApproversMessageKey = keyof typeof approversEn;
