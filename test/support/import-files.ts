import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';

/**
 * Partners' files for the import tests, written as bytes (never read from a committed file
 * whose encoding an editor could change): each is what a real export looks like.
 */

/** A German health service's export: Windows-1252, ";", decimal comma, a title line and a blank line above the header, years as columns, "k.A." and "–" for missing. */
export const GERMAN_TEXT = [
  'Soziale Verschreibung – Überweisungen je 100.000 Einwohner (Quelle: „Länderbericht“, Stand € 2024)',
  '',
  'Land;Maßnahme;2019;2020;2021;2022',
  'Deutschland;Grünes Rezept;12,5;13,75;k.A.;15,0',
  'Österreich;Grünes Rezept;8,25;–;9,5;10,0',
  'Vereinigtes Königreich;Gärtnern „draußen“;20,0;21,5;22,25;23,0',
  'Griechenland;Kunst & Kultur;3,5;4,0;;5,25',
  'Schweiz;Bewegung;7,0;7,5;8,0;8,5',
  'Atlantis;Gärtnern;1,0;2,0;3,0;4,0',
].join('\r\n') + '\r\n';

export async function germanWideCsv(dir: string, name = 'überweisungen.csv'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, iconv.encode(GERMAN_TEXT, 'windows-1252'));
  return file;
}

/** A Greek ministry's export: Windows-1253, ",", dates as dd/mm/yyyy, country names in Greek. */
export const GREEK_TEXT = [
  'Χώρα,Ημερομηνία,Παραπομπές,Σχόλιο',
  'Ελλάδα,15/01/2023,120,Αθήνα – «πιλοτικό»',
  'Γερμανία,15/02/2023,340,Βερολίνο',
  'Ηνωμένο Βασίλειο,15/03/2023,560,Λονδίνο',
  'Κύπρος,15/04/2023,45,Λευκωσία',
].join('\n') + '\n';

export async function greekCsv(dir: string, name = 'παραπομπές.csv'): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, iconv.encode(GREEK_TEXT, 'windows-1253'));
  return file;
}

export const UTF16_TEXT = 'country,year,value\nDE,2021,1.5\nGR,2021,2.5\nGB,2022,3.25\n';

/** UTF-16 big-endian with its byte-order mark. */
export async function utf16beCsv(dir: string, name = 'utf16be.csv'): Promise<string> {
  const file = path.join(dir, name);
  const le = Buffer.from(`\ufeff${UTF16_TEXT}`, 'utf16le');
  await writeFile(file, le.swap16());
  return file;
}

export async function textFile(dir: string, name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}
