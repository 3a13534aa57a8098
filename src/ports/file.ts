/**
 * A file handed to a person: an .ics invitation, an export, a chart or a CSV. Data, not a chat
 * message: the domain produces files (invitations, exports) without knowing how a reply looks;
 * `Reply.attachments` (ports/reply.ts) carries them to the adapters.
 */
export interface ReplyFile {
  fileName: string;
  mimeType: string;
  content: string;
  /** `base64` for binary content such as a PNG chart or a PDF; plain text otherwise. */
  encoding?: 'base64';
}
