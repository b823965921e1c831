/**
 * Element IDs of the AAMVA DL/ID card design standard, versions 1 (2000) to 10 (2020),
 * including the version-1 forms later retired (DAA full name, DAB/DAE names, DAR/DAS/DAT, DAL–DAP).
 * Used to split payloads whose separators were lost in capture.
 */
export const AAMVA_ELEMENT_IDS = new Set(
  (
    'DAA DAB DAC DAD DAE DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP DAQ DAR DAS DAT DAU DAV DAW DAX DAY DAZ ' +
    'DBA DBB DBC DBD DBE DBF DBG DBH DBI DBJ DBK DBL DBM DBN DBO DBP DBQ DBR DBS ' +
    'DCA DCB DCD DCE DCF DCG DCH DCI DCJ DCK DCL DCM DCN DCO DCP DCQ DCR DCS DCT DCU ' +
    'DDA DDB DDC DDD DDE DDF DDG DDH DDI DDJ DDK DDL'
  ).split(' '),
);
