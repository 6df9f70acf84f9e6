/** ISO 14289-1, 7.1: general — tagged content and artifacts, role mapping, metadata, the structure tree. */
import { rule } from '../rule.ts';

export const rules = [
  rule({
    id: '7.1-1',
    description: 'Content marked as Artifact is not inside tagged content.',
    object: 'PageContent',
    test: (p) => (p.artifactInTagged ? `${p.artifactInTagged} Artifact sequence(s) on page ${p.page} are inside tagged content.` : undefined),
  }),
  rule({
    id: '7.1-2',
    description: 'Tagged content is not inside content marked as Artifact.',
    object: 'PageContent',
    test: (p) => (p.taggedInArtifact ? `${p.taggedInArtifact} tagged sequence(s) (with an MCID) on page ${p.page} are inside an Artifact sequence.` : undefined),
  }),
  rule({
    id: '7.1-3',
    description: 'All content is either tagged (in a marked-content sequence with an MCID in the structure tree) or marked as Artifact.',
    object: 'PageContent',
    test: (p) =>
      p.untagged
        ? `${p.untagged} content item(s) on page ${p.page} are neither tagged (inside a marked-content sequence whose MCID the structure tree knows) nor marked as Artifact.`
        : undefined,
  }),
  rule({
    id: '7.1-4',
    description: '/MarkInfo /Suspects is not true.',
    object: 'Document',
    test: (d) => (d.markInfo?.suspects ? '/MarkInfo /Suspects is true.' : undefined),
  }),
  rule({
    id: '7.1-5',
    description: 'Every non-standard structure type is role-mapped to a standard PDF 1.7 type.',
    object: 'StructElem',
    test: ({ e }) => (e.standardType === null ? `${e.type} is not a standard structure type and the role map does not map it to one.` : undefined),
  }),
  rule({
    id: '7.1-6',
    description: 'The role map has no circular mapping.',
    object: 'StructElem',
    test: ({ e, circularMapping }) => (circularMapping ? `The role map maps ${e.type} in a circle${e.standardType ? '' : ' and never reaches a standard type'}.` : undefined),
  }),
  rule({
    id: '7.1-7',
    description: 'Standard structure types are not remapped.',
    object: 'StructElem',
    test: ({ e }, m) => (e.remappedStandardType ? `${e.type} is a standard structure type, but the role map remaps it to ${m.tree?.roleMap.get(e.type)}.` : undefined),
  }),
  rule({
    id: '7.1-8',
    description: 'The catalog has a /Metadata stream with /Type /Metadata and /Subtype /XML.',
    object: 'Document',
    test: ({ metadata: x }) => {
      if (!x.entry) return 'The catalog has no /Metadata stream, so the document has no XMP metadata.';
      if (!x.stream || !x.typed) return 'The catalog /Metadata is not a stream with /Type /Metadata and /Subtype /XML.';
      return x.undecodable ? 'The /Metadata stream cannot be decoded.' : undefined;
    },
  }),
  rule({
    id: '7.1-9',
    description: 'The XMP metadata contains dc:title.',
    object: 'XMP',
    test: (x) => (x.hasDcTitle ? undefined : 'The XMP metadata does not contain dc:title.'),
  }),
  rule({
    id: '7.1-10',
    description: '/ViewerPreferences /DisplayDocTitle is true.',
    object: 'Document',
    test: (d) =>
      d.viewerPreferences?.displayDocTitle ? undefined : d.viewerPreferences ? '/ViewerPreferences /DisplayDocTitle is not true.' : 'The catalog has no /ViewerPreferences.',
  }),
  rule({
    id: '7.1-11',
    description: 'The catalog has a /StructTreeRoot.',
    object: 'Document',
    test: (d) => (d.structTreeRoot ? undefined : 'The catalog has no /StructTreeRoot: the document is not tagged.'),
  }),
  rule({
    id: '7.1-12',
    description: 'Every structure element has a /P (parent) entry.',
    object: 'StructElem',
    test: ({ e }) => (e.hasParentEntry ? undefined : `${e.type} has no /P (parent) entry.`),
  }),
];
