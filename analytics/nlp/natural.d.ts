// Types for the parts of `natural` imported by path. TRICKY: the package's root module loads its storage back-ends,
// which call dotenv and read a .env file into process.env on import; importing the pieces keeps that out.
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  export default function JaroWinklerDistance(s1: string, s2: string, options?: { dj?: number; ignoreCase?: boolean }): number;
}
