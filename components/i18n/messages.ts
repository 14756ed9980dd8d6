/**
 * The one message catalogue. Every user-facing string, in the browser and in API
 * errors, is looked up here so Chinese, Mongolian and Russian can follow as
 * sibling catalogues with the same keys.
 */
export const en = {
  'app.name': 'Heilong',
  'app.tagline': 'Threat-assessment workshops for conservation programmes',
  'nav.home': 'Home',
  'nav.signIn': 'Sign in',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name}',

  'home.intro': 'Rate direct threats against conservation targets with the Open Standards (Miradi) method, together with your country teams.',
  'home.programmes': 'Your programmes',
  'home.noProgrammes': 'You are not a member of any programme yet. Ask a facilitator for an invitation link.',
  'home.signInPrompt': 'Sign in to open your programme.',

  'signIn.title': 'Sign in',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.failed': 'Wrong email or password.',
  'signIn.throttled': 'Too many failed sign-ins for this account. Try again in {minutes} minutes.',

  'invite.title': 'Join {programme}',
  'invite.asRole': 'You are invited as {role}.',
  'invite.asRoleOfTeam': 'You are invited as {role} of the {team} team.',
  'invite.firstFacilitator': 'Create the first facilitator account for this Heilong installation.',
  'invite.name': 'Your name',
  'invite.email': 'Email',
  'invite.password': 'Password (at least 10 characters)',
  'invite.submit': 'Create account',
  'invite.done': 'Your account is ready. You can sign in now.',
  'invite.create': 'Invite someone',
  'invite.role': 'Role',
  'invite.team': 'Team',
  'invite.createSubmit': 'Create invitation link',
  'invite.link': 'Single-use link, valid until {expires}:',

  'role.facilitator': 'facilitator',
  'role.member': 'team member',
  'role.observer': 'observer',

  'programme.targets': 'Conservation targets',
  'programme.nested': 'Nested targets',
  'programme.threats': 'Direct threats',
  'programme.strategies': 'Strategies',
  'programme.strategyModules': 'Modules',
  'programme.strategyThreats': 'Threats addressed',
  'programme.goals': 'Modules, goals and objectives',
  'programme.module': 'Module {number}: {name}',
  'programme.goal': 'Goal {code}',
  'programme.assessments': 'Assessments',
  'programme.teams': 'Teams',

  'assessment.mode.rapid': 'rapid assessment',
  'assessment.mode.detailed': 'threat × target assessment',
  'assessment.status.draft': 'draft',
  'assessment.status.open': 'open',
  'assessment.status.closed': 'closed',
  'assessment.status.published': 'published',
  'assessment.threatTable': 'Direct threats per team',
  'assessment.threatsHeader': 'Threats \\ Targets',
  'assessment.publishedSummary': 'Summary target ratings (as published)',
  'assessment.computedTargetSummary': 'Target summary (computed)',
  'assessment.computedOverall': 'Overall threat rating (computed)',
  'assessment.agreedSummary': 'Summary target ratings',
  'assessment.differs': 'The published value differs from the value computed by Miradi’s rules.',
  'assessment.source': 'Source: {source}',
  'assessment.computedNote': 'Computed values follow Miradi’s roll-up rules (3-5-7, 2-prime, majority); published values are kept exactly as published.',

  'rating.very_high': 'Very High',
  'rating.high': 'High',
  'rating.medium': 'Medium',
  'rating.low': 'Low',
  'rating.none': 'Not rated',
  'rating.notApplicable': 'Not applicable',

  'error.unauthorized': 'Sign in first.',
  'error.forbidden': 'You do not have permission to do this.',
  'error.notFound': '{thing} not found.',
  'error.invalidInput': 'Invalid input: {details}',
  'error.internal': 'Something went wrong on the server. Nothing was changed.',
  'error.invite.invalid': 'This invitation link is not valid. Check that you copied the whole link.',
  'error.invite.used': 'This invitation link has already been used. Ask your facilitator for a new one.',
  'error.invite.expired': 'This invitation link has expired. Ask your facilitator for a new one.',
  'error.invite.teamRequired': 'A team member invitation needs a country team.',
  'error.invite.teamNotAllowed': 'Only team members belong to a team.',
  'error.emailTaken': 'An account with this email already exists. Sign in instead.',
  'error.alreadyMember': 'This account already has a role in this programme.',
  'error.threatNotInProgramme': 'That threat is not part of this programme.',
  'error.targetNotInProgramme': 'That target is not part of this programme.',
  'error.teamNotInProgramme': 'That team is not part of this programme.',
  'error.nestedTargetNotRated': 'Nested targets are not rated directly; rate their parent target.',
  'error.assessmentReadOnly': 'This assessment is {status}: ratings can no longer be changed.',
  'error.wrongMode': 'This is a {mode}: rate {expected} instead.',
  'error.statusChange': 'An assessment cannot move from {from} to {to}.',
  'error.duplicateAssessment': 'This programme already has an assessment called “{name}”.',
} as const;

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

export function t(key: MessageKey, params: MessageParams = {}): string {
  return en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
