/** User-facing text that is not a fact: templates for replies, errors and help, in one place. */
import { ABSTENTION_MESSAGES } from '../engine/answer.ts';

import { echoUserText } from './sanitize.ts';

/** How much of a name a user typed is echoed back in a "don't know" message. */
const ECHOED_NAME_CHARS = 100;

export const TEXT = Object.freeze({
  answerFieldName: 'From the article',
  quoteFooter: 'Quoted from the article; spacing lost in its PDF text is restored.',
  /** The engine's own words when it declines, so there is one home for them. */
  noMatch: ABSTENTION_MESSAGES.noMatch,
  didYouMean: 'Did you mean:',
  tryHelp: 'Try /help for what I can answer.',
  emptyQuestion: ABSTENTION_MESSAGES.empty,
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  delete: 'Delete',
  feedbackThanks: 'Thanks, your feedback was recorded.',
  deleteRefused: 'Only the person who asked, or a moderator, can delete this answer.',
  deleted: 'Deleted.',
  deleteFailed: 'I could not delete that message. It may already be gone.',
  staleButton: 'That button is from an older version of the bot. Ask the question again.',
  unknownButton: "I don't recognise that button.",
  genericError: 'Something went wrong on my side. Please try again.',
  discordTrouble: 'Discord is having trouble right now. Please try again in a moment.',
  needModerator: 'This command is for moderators (Manage Messages).',
  summaryPinned: 'Pinned the results summary in this channel.',
  summaryUpdated: 'Updated the pinned results summary in this channel.',
  summaryPosted: 'Posted the results summary; pinning is not available in this mode.',
  summaryNotPinned:
    'Here is the results summary. Pinning is not available in this mode (the bot has no token), so nothing was posted or pinned in the channel.',
  deleteUnavailable: 'Deleting messages is not available in this mode (the bot has no token).',
  reloading: 'Reloading the knowledge pack…',
  reloadUnavailable:
    'Reloading the knowledge pack is not available in this mode: restart the bot to load a new pack.',
  summaryMissingPermission:
    'I could not pin the summary: I need the Manage Messages and Read Message History permissions in this channel.',
  summaryPinLimit:
    'I posted the summary but could not pin it: this channel already has the most pins Discord allows (250). Unpin something and run /summary again.',
  contextMenuEmpty: 'That message has no text for me to answer.',
  neutralOrdering: 'Candidates listed alphabetically by surname; the bot takes no side.',
});

/** "I don't know a candidate called …", the typed name echoed inert (no markdown, no mention). */
export function unknownCandidate(input: string, names: readonly string[]): string {
  return `I don't know a candidate called "${echoUserText(input, ECHOED_NAME_CHARS)}". The runoff candidates are ${names.join(' and ')}.`;
}

/** "I don't know anyone called …", the typed name echoed inert. */
export function unknownPerson(input: string, names: readonly string[]): string {
  return `I don't know anyone called "${echoUserText(input, ECHOED_NAME_CHARS)}" in the article. Try one of: ${names.join(', ')}.`;
}

/** "Unknown option …", the (possibly forged) option name echoed inert. */
export function unknownOption(name: string, command: string): string {
  return `/${command} has no option "${echoUserText(name, 32)}".`;
}

/** "No such command", the (possibly forged) command name echoed inert. */
export function unknownCommand(name: string): string {
  return `I don't have a /${echoUserText(name, 32)} command any more. Try /help.`;
}

/** After /reload: which pack now serves, and how many facts it has. */
export function packReloaded(packId: string, facts: number): string {
  return `Reloaded the knowledge pack "${packId}" (${facts} facts). New questions are answered from it.`;
}

/** After a refused /reload: why (the file, fact and field), and that the old pack still serves. */
export function packReloadRefused(error: string): string {
  return `The knowledge pack was not reloaded; the previous one is still serving. The new pack is invalid:\n${error}`;
}

/** Instead of posting the same answer twice in a row: where it already is. */
export function answeredAbove(link: string): string {
  return `I answered that a moment ago: ${link}`;
}
