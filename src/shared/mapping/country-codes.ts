/**
 * The codes a country column may hold, written once: ISO 3166-1 (alpha-2 beside alpha-3),
 * Eurostat's two exceptions, the UK's nations, and the few areas that are not countries but
 * that published tables give alongside them (the world, the European Union, the euro area).
 * Names in English, German and Greek come from `Intl.DisplayNames` over these codes
 * (src/shared/mapping/country-matcher.ts); nothing here is a name.
 */

/** ISO 3166-1: each entry is the alpha-2 code followed by the alpha-3 code (249 countries and territories). */
const ISO_3166_1 = [
  'ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE',
  'BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS',
  'BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN',
  'COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST',
  'EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR GDGRD GEGEO GFGUF',
  'GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD',
  'HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM',
  'JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA',
  'LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD',
  'MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM',
  'NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG',
  'PHPHL PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA',
  'SASAU SBSLB SCSYC SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD',
  'STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON',
  'TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR',
  'VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE',
]
  .join(' ')
  .split(' ');

/** Alpha-2 → alpha-3, for every ISO 3166-1 country and territory. */
export const alpha3ByAlpha2: ReadonlyMap<string, string> = new Map(ISO_3166_1.map((pair) => [pair.slice(0, 2), pair.slice(2)]));

/**
 * Codes that are not ISO 3166-1 but that data publishers use for a country Sprig knows:
 * Eurostat writes Greece EL and the United Kingdom UK; the World Bank writes Kosovo XKX
 * (XK is the code the EU and CLDR give it).
 */
export const codeExceptions: Readonly<Record<string, string>> = {
  EL: 'GR',
  UK: 'GB',
  XKX: 'XK',
  RKS: 'XK',
};

/** Kosovo has no ISO 3166-1 code; XK is the user-assigned one everybody uses, and Intl names it. */
export const KOSOVO = 'XK';

/** The UK's nations, by their ISO 3166-2 codes. */
export const ukNationCodes = ['GB-ENG', 'GB-WLS', 'GB-SCT', 'GB-NIR'] as const;

/**
 * Areas that are not countries, by the codes `Intl.DisplayNames` names (UN M49 001 for the
 * world; EU and EZ as CLDR has them), with the World Bank's alpha-3 codes for them. A table of
 * a world total (co2-fossil-global) can then be charted as one, named in every language.
 */
export const areaCodes: Readonly<Record<string, { alpha3: string }>> = {
  '001': { alpha3: 'WLD' },
  EU: { alpha3: 'EUU' },
  EZ: { alpha3: 'EMU' },
};

/** Every code a country column may be mapped to, countries first. */
export function mappableCountryCodes(): string[] {
  return [...alpha3ByAlpha2.keys(), KOSOVO, ...ukNationCodes, ...Object.keys(areaCodes)];
}

/** Whether a code names an area (the world, the EU) rather than a country. */
export function isArea(code: string): boolean {
  return code in areaCodes;
}
