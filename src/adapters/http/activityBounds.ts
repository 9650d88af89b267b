/**
 * Bounds on the identifiers and names an activity carries, checked on /api/messages before anything
 * else runs, so nothing longer than Teams ever sends reaches the bot or the store (a conversation
 * reference keeps several of these fields; a person record keeps the name).
 *
 * The limits are generous multiples of what Teams sends: Entra object and tenant ids are GUIDs
 * (36 characters), user and bot ids ("29:…", "28:…") and personal conversation ids ("a:…") are a
 * few hundred at most, display names are at most 256, service URLs are short https URLs. A request
 * over a limit is answered 400 with a message naming the field, and no turn runs.
 */

/** The longest value accepted for each field (characters). */
export const ACTIVITY_LIMITS = {
  'conversation.tenantId': 64,
  'channelData.tenant.id': 64,
  'from.aadObjectId': 64,
  'recipient.aadObjectId': 64,
  'from.id': 512,
  'recipient.id': 512,
  'conversation.id': 1024,
  'from.name': 256,
  'recipient.name': 256,
  'conversation.name': 256,
  serviceUrl: 2048,
  channelId: 64,
  id: 512,
  replyToId: 512,
  name: 256,
  locale: 64,
  'value.action.verb': 128,
} as const;

export type BoundedField = keyof typeof ACTIVITY_LIMITS;

/** The field that is too long, or not a string where Teams sends one; undefined when within bounds. */
export interface BoundsProblem {
  readonly field: BoundedField;
  readonly message: string;
}

function at(activity: unknown, field: string): unknown {
  let value: unknown = activity;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function activityBoundsProblem(activity: unknown): BoundsProblem | undefined {
  for (const [field, max] of Object.entries(ACTIVITY_LIMITS) as [BoundedField, number][]) {
    const value = at(activity, field);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { field, message: `The activity's ${field} must be a string.` };
    if (value.length > max) return { field, message: `The activity's ${field} is ${value.length} characters; the most accepted is ${max}.` };
  }
  return undefined;
}
