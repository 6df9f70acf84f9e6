/** What preflight is asked, and what it answers: the options and the report. */

export interface PreflightOptions {
  /** Images below this effective resolution are reported (warning; error below half of it). Default 300. */
  minPpi?: number;
  /** Strokes thinner than this (pt) are reported as hairlines (warning). Default 0.25. */
  hairline?: number;
  /** Total area coverage (c+m+y+k, %) above this is reported (error). Default 300. */
  inkLimit?: number;
  /** The BleedBox must extend at least this far (pt) beyond the TrimBox on every side. Default 8.5 (≈ 3 mm). */
  minBleed?: number;
  /** Which PDF/X conformance to check; 'any' (default) checks what the file claims, if anything. */
  pdfx?: 'x4' | 'x1a' | 'any';
}

export type ResolvedOptions = Required<PreflightOptions>;

/** What an issue is about; the report lists them in this order (checks/index.ts). */
export type CheckId = 'pdfx' | 'boxes' | 'bleed' | 'fonts' | 'colour' | 'image-resolution' | 'ink' | 'hairline';

export interface PreflightIssue {
  severity: 'error' | 'warning';
  check: CheckId;
  message: string;
  /** 1-based page number, when the issue is about a page. */
  page?: number;
  /** The object concerned, e.g. "12 0 R" (an image, a form XObject, a font, a page). */
  object?: string;
}

export interface PreflightPage {
  page: number;
  mediaBox: number[];
  cropBox?: number[];
  bleedBox?: number[];
  trimBox?: number[];
  artBox?: number[];
  /** Colour spaces painted on the page (forms and patterns included), sorted. */
  colourSpaces: string[];
}

export interface PreflightFont {
  name: string;
  embedded: boolean;
  subset: boolean;
  /** Font Subtype, e.g. "Type1", "TrueType", "Type3", "Type0/CIDFontType2". */
  type: string;
}

export interface PreflightReport {
  pages: PreflightPage[];
  /** Every font used to show text, once each. */
  fonts: PreflightFont[];
  /** Every colour space painted anywhere: "DeviceCMYK", "ICCBased(N=3)", "Separation(All)", "Indexed(DeviceRGB)"… */
  colourSpaces: string[];
  /** The /GTS_PDFXVersion the file claims (Info, or XMP pdfxid), if any. */
  pdfx?: string;
  /** The PDF/X output intent (/S /GTS_PDFX), if any. */
  outputIntent?: { identifier: string; profileComponents?: number };
  issues: PreflightIssue[];
}
