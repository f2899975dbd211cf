// The part of pdfkit's API the introduction letter uses (pdfkit ships no type declarations).
declare module 'pdfkit' {
  interface TextOptions {
    width?: number;
    align?: 'left' | 'center' | 'right' | 'justify';
    lineGap?: number;
    characterSpacing?: number;
    indent?: number;
    continued?: boolean;
    underline?: boolean;
  }
  interface DocumentOptions {
    size?: string | [number, number];
    margin?: number;
    margins?: { top: number; bottom: number; left: number; right: number };
    compress?: boolean;
    autoFirstPage?: boolean;
    info?: Record<string, string | Date>;
    lang?: string;
  }
  class PDFDocument {
    constructor(options?: DocumentOptions);
    readonly page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number } };
    x: number;
    y: number;
    registerFont(name: string, src: string | Buffer, family?: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    moveDown(lines?: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    rect(x: number, y: number, w: number, h: number): this;
    dash(length: number, options?: { space?: number }): this;
    undash(): this;
    lineWidth(w: number): this;
    stroke(color?: string): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    widthOfString(text: string): number;
    heightOfString(text: string, options?: TextOptions): number;
    addPage(options?: DocumentOptions): this;
    on(event: 'data', cb: (chunk: Buffer) => void): this;
    on(event: 'end', cb: () => void): this;
    on(event: 'error', cb: (err: Error) => void): this;
    end(): void;
  }
  export default PDFDocument;
}
