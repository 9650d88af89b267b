/**
 * The text shortcuts a person can type to the bot. The Teams manifest's command lists are built from
 * this list and a test checks that the bot routes every one (SHORTCUT_VERBS); anything else gets the
 * help card, which lists them.
 */
export const TEXT_SHORTCUTS = [
  { command: 'help', description: 'What I can do for you' },
  { command: 'home', description: 'Your supervision at a glance' },
  { command: 'reflect', description: 'Write a reflective note' },
  { command: 'concern', description: 'Raise a concern' },
  { command: 'schedule', description: 'Schedule a supervision session' },
] as const;

export type TextShortcut = (typeof TEXT_SHORTCUTS)[number]['command'];
