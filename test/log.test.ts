import assert from 'node:assert/strict';
import { activityLogFields, errorLogFields, REDACTED, scrub, SENSITIVE_FIELDS } from '../src/log';
import { captureLog } from './support/captureLog';

const NOTE = {
  id: 'note-1',
  tenantId: 't1',
  authorId: 'p1',
  whatHappened: 'SECRET-happened',
  howIFelt: 'SECRET-felt',
  whatILearned: 'SECRET-learned',
  whatNext: 'SECRET-next',
  visibility: 'private',
};

describe('log', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { log, lines, entries } = captureLog('info');
    log.info({ event: 'server.listening', port: 3978 }, 'listening');
    log.debug('not written at info');
    assert.equal(lines.length, 1);
    const [entry] = entries();
    assert.equal(entry.level, 'info');
    assert.equal(entry.msg, 'listening');
    assert.equal(entry.event, 'server.listening');
    assert.equal(entry.port, 3978);
    assert.equal(entry.service, 'supervision-bot');
    assert.match(String(entry.time), /^\d{4}-\d\d-\d\dT/);
  });

  it('redacts note and concern fields at any depth, keeping the rest', () => {
    const { log, text, entries } = captureLog('info');
    log.info({
      event: 'note.saved',
      note: NOTE,
      saved: { value: NOTE, list: [NOTE, { description: 'SECRET-concern', category: 'workload' }] },
      concern: { description: 'SECRET-concern' },
      rating: { score: 4, comment: 'SECRET-comment' },
      activity: { type: 'message', text: 'SECRET-typed', value: { whatHappened: 'SECRET-card' } },
    });
    assert.ok(!text().includes('SECRET'), text());
    const [entry] = entries() as Array<Record<string, any>>;
    assert.equal(entry.note, REDACTED);
    assert.equal(entry.saved.value, REDACTED);
    assert.equal(entry.saved.list[0].whatHappened, REDACTED);
    assert.equal(entry.saved.list[0].visibility, 'private');
    assert.equal(entry.saved.list[1].description, REDACTED);
    assert.equal(entry.saved.list[1].category, 'workload');
    assert.equal(entry.rating.score, 4);
    assert.equal(entry.rating.comment, REDACTED);
    assert.equal(entry.activity.type, 'message');
    assert.equal(entry.activity.text, REDACTED);
  });

  it('redacts the same fields in child loggers\' bindings, whatever their case', () => {
    const { log, text } = captureLog('info');
    log.child({ Description: 'SECRET-bound', requestId: 'r1' }).info({ WhatHappened: 'SECRET-case' }, 'x');
    assert.ok(!text().includes('SECRET'), text());
    assert.ok(text().includes('"requestId":"r1"'));
  });

  it('reduces errors to name, code, status and stack frames: never the request they carried', () => {
    const { log, text, entries } = captureLog('info');
    const err = Object.assign(new Error('Request failed'), {
      code: 'ECONNRESET',
      statusCode: 503,
      request: { body: JSON.stringify({ whatHappened: 'SECRET-in-request' }) },
      response: { bodyAsText: 'SECRET-in-response' },
    });
    log.error({ err, event: 'store.failed' });
    log.error(err);
    log.warn({ nested: { cause: err } });
    assert.ok(!text().includes('SECRET'), text());
    const [first, second, third] = entries() as Array<Record<string, any>>;
    assert.equal(first.err.type, 'Error');
    assert.equal(first.err.code, 'ECONNRESET');
    assert.equal(first.err.statusCode, 503);
    assert.equal(first.err.message, undefined);
    assert.equal(second.msg, 'Error');
    assert.equal(third.nested.cause.code, 'ECONNRESET');
    assert.deepEqual(Object.keys(errorLogFields(err)).sort(), ['code', 'stack', 'statusCode', 'type']);
  });

  it('never writes an error\'s message, which may quote a note or concern, in any field of the line', () => {
    const { log, text, entries } = captureLog('info');
    const typed = 'SECRET-typed I felt overwhelmed\n    at home with SECRET-second-line';
    const plain = new Error(`could not save note "${typed}"`);
    class NoteRejected extends Error {
      readonly code = 'NOTE_REJECTED';
      constructor(message: string) {
        super(message);
        this.name = 'NoteRejected';
      }
    }
    const custom = new NoteRejected(`invalid whatHappened: ${typed}`);
    for (const err of [plain, custom]) {
      log.error(err);
      log.error({ err });
      log.error({ err, event: 'note.save_failed' }, 'could not save a note');
      log.warn({ nested: { cause: err } });
    }
    assert.ok(!text().includes('SECRET'), text());
    assert.ok(!text().includes('overwhelmed'), text());
    const all = entries() as Array<Record<string, any>>;
    assert.equal(all.length, 8);
    assert.equal(all[0].msg, 'Error');
    assert.equal(all[4].msg, 'NoteRejected');
    assert.equal(all[5].err.code, 'NOTE_REJECTED');
    assert.equal(all[6].msg, 'could not save a note');
    // The frames stay, so the line still says where it failed.
    for (const stack of [all[1].err.stack, all[5].err.stack, all[7].nested.cause.stack]) {
      assert.match(stack, /^\s+at .*log\.test\.ts/);
      assert.ok(stack.split('\n').every((line: string) => /^\s+at /.test(line)), stack);
    }
  });

  it('copes with cycles and deep objects', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    let deep: Record<string, unknown> = { text: 'SECRET-deep' };
    for (let i = 0; i < 20; i++) deep = { inner: deep };
    const out = JSON.stringify(scrub({ a, deep }));
    assert.ok(out.includes('[circular]'));
    assert.ok(out.includes('[depth]'));
    assert.ok(!out.includes('SECRET'));
  });

  it('lists the model\'s note and concern fields', () => {
    for (const field of ['whatHappened', 'howIFelt', 'whatILearned', 'whatNext', 'description', 'comment', 'text', 'value', 'resolution']) {
      assert.ok(SENSITIVE_FIELDS.includes(field), field);
    }
  });

  describe('activityLogFields', () => {
    it('keeps what kind of activity it is and the card verb, never its text, value or attachments', () => {
      const fields = activityLogFields({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: 'a1',
        channelId: 'msteams',
        conversation: { conversationType: 'personal', tenantId: 't1' },
        value: { action: { verb: 'note.save', data: { whatHappened: 'SECRET-data' } } },
        ...({ text: 'SECRET-text', attachments: [{ content: 'SECRET-att' }] } as object),
      });
      assert.deepEqual(fields, {
        activityType: 'invoke',
        activityName: 'adaptiveCard/action',
        activityId: 'a1',
        channelId: 'msteams',
        conversationType: 'personal',
        tenantId: 't1',
        verb: 'note.save',
      });
    });

    it('drops a "verb" that is not a verb (free text forged into a card)', () => {
      const fields = activityLogFields({ type: 'invoke', value: { action: { verb: 'I feel overwhelmed by my caseload' } } });
      assert.deepEqual(fields, { activityType: 'invoke' });
    });

    it('takes the tenant from channelData when the conversation lacks it', () => {
      assert.equal(activityLogFields({ type: 'message', channelData: { tenant: { id: 't9' } } }).tenantId, 't9');
    });
  });
});
