// The official client ships no types; tests use it as the vendor documents it.
declare module 'idanalyzer' {
  export const DocuPass: any;
  export const Vault: any;
  export const AMLAPI: any;
  export const CoreAPI: any;
}
