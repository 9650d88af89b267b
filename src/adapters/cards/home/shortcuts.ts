/**
 * The text shortcuts a person can type to the bot. The Teams manifest's command lists are built from
 * this list and a test checks that the bot routes every one (SHORTCUT_VERBS); anything else gets the
 * help card, which lists those the person may use (`needs`: what their home view must allow).
 */
import type { HomeView } from '../../../app/views';

export const TEXT_SHORTCUTS = [
  { command: 'help', description: 'What I can do for you' },
  { command: 'home', description: 'Your supervision at a glance' },
  { command: 'reflect', description: 'Write a reflective note', needs: 'writeNote' },
  { command: 'concern', description: 'Raise a concern', needs: 'raiseConcern' },
  { command: 'schedule', description: 'Schedule a supervision session', needs: 'scheduleSession' },
  { command: 'request', description: 'Ask your supervisor for a session', needs: 'requestSession' },
] as const satisfies readonly { readonly command: string; readonly description: string; readonly needs?: keyof HomeView['youCan'] }[];

export type TextShortcut = (typeof TEXT_SHORTCUTS)[number]['command'];
