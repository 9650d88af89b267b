/** A personal-chat message as the Teams channel posts it to /api/messages (tests of the HTTP adapter). */
export function personalMessage(serviceUrl: string, options: { readonly id?: string; readonly text?: string; readonly tenantId: string }): Record<string, unknown> {
  return {
    type: 'message',
    id: options.id ?? 'activity-1',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user-1', aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'Sam' },
    recipient: { id: '28:bot', name: 'Supervision Bot' },
    conversation: { id: 'a:conversation-1', conversationType: 'personal', tenantId: options.tenantId },
    channelData: { tenant: { id: options.tenantId } },
    text: options.text ?? 'help',
  };
}
