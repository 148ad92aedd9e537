/** Discord's limits, in one place (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = Object.freeze({
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** An interaction must be acknowledged within this many milliseconds. */
  acknowledgeMs: 3000,
  /** Follow-ups to an interaction are accepted for this long. */
  followUpMs: 15 * 60 * 1000,
  pinsPerChannel: 250,
});

/** Message flag: only the user who ran the command sees the reply. */
export const EPHEMERAL = 1 << 6;
