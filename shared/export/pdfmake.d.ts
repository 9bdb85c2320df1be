// pdfmake 0.3 ships no types (@types/pdfmake describes 0.2's PdfPrinter); this is the part the evidence pack uses.
declare module 'pdfmake' {
  /** A piece of a document: text (runs), a stack, columns, a table, … (pdfmake's document definition). */
  export type PdfContent = string | readonly PdfContent[] | { readonly [key: string]: unknown };

  export interface PdfFontFiles {
    readonly normal: string;
    readonly bold: string;
    readonly italics?: string;
    readonly bolditalics?: string;
  }

  export interface PdfDocumentDefinition {
    readonly content: PdfContent;
    readonly info?: Readonly<Record<string, string>>;
    readonly language?: string;
    readonly pageSize?: string;
    readonly pageMargins?: readonly number[] | number;
    readonly defaultStyle?: Readonly<Record<string, unknown>>;
    readonly styles?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly footer?: (currentPage: number, pageCount: number) => PdfContent;
    readonly compress?: boolean;
  }

  export interface PdfOutput {
    getBuffer(): Promise<Buffer>;
  }

  interface PdfMake {
    /** Files pdfmake reads by name before the disk (fonts given as these names). */
    readonly virtualfs: { writeFileSync(name: string, content: Buffer): void };
    setFonts(fonts: Readonly<Record<string, PdfFontFiles>>): void;
    setUrlAccessPolicy(allowed: (url: string) => boolean): void;
    setLocalAccessPolicy(allowed: (path: string) => boolean): void;
    createPdf(definition: PdfDocumentDefinition): PdfOutput;
  }

  const pdfmake: PdfMake;
  export default pdfmake;
}
