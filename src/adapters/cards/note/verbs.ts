/** The reflective-note family's verbs, each declared once: its form, parser and route. */
import { ok } from '../../../domain/result';
import { none, withTarget } from '../shared/schema';
import { declareVerb, presented, type FamilyVerbs } from '../shared/verb';
import { NOTE_FORMS } from './fields';
import { noteTarget, parseWriteNote } from './parse';
import { presentNoteList, presentNoteRead, presentNoteWrite } from './present';

const theNote = withTarget(noteTarget, (d) => ({ noteId: d.noteId }));

export const NOTE_VERBS = {
  'note.write.form': declareVerb({ parse: none, act: async () => ok(presentNoteWrite()) }),
  'note.write': declareVerb({
    ...NOTE_FORMS['note.write'],
    parse: parseWriteNote,
    act: async (t, c) => presented(await t.run(t.useCases.writeNote, c), (v) => presentNoteRead(v, { ...t.ctx, audience: 'author', notice: 'Saved.' })),
    form: async (_t, _targets, form) => ok(presentNoteWrite(form)),
  }),
  'note.list': declareVerb({ parse: none, act: async (t, c) => presented(await t.run(t.useCases.listMyNotes, c), (v) => presentNoteList(v, t.ctx)) }),
  'note.listShared': declareVerb({
    parse: none,
    act: async (t, c) => presented(await t.run(t.useCases.listSharedNotes, c), (v) => presentNoteList(v, { ...t.ctx, shared: true })),
  }),
  'note.read': declareVerb({
    parse: theNote,
    act: async (t, c) => {
      const view = await t.run(t.useCases.readNote, c);
      if (!view.ok) return view;
      const me = await t.me();
      return ok(presentNoteRead(view.value, { ...t.ctx, audience: me?.id === view.value.author.id ? 'author' : 'reader' }));
    },
  }),
} satisfies FamilyVerbs<'note'>;
