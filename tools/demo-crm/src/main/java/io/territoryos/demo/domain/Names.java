package io.territoryos.demo.domain;

import java.util.List;

/** Plausible company, person and industry names, drawn deterministically. */
final class Names {

    private static final List<String> FIRST = List.of("Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace",
            "Hiro", "Ines", "Jamal", "Kara", "Liam", "Maya", "Nikhil", "Olivia", "Pablo", "Quinn", "Rosa", "Sam",
            "Tara", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe", "Marco", "Priya", "Tom", "Lena");
    private static final List<String> LAST = List.of("Adler", "Baker", "Chen", "Diaz", "Evans", "Fischer",
            "Garcia", "Hughes", "Iyer", "Johnson", "Kim", "Lopez", "Meyer", "Nguyen", "Okafor", "Patel", "Quinn",
            "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Young", "Zimmer", "Moreau", "Silva",
            "Novak", "Brennan");
    private static final List<String> ADJECTIVES = List.of("Blue", "Northern", "Silver", "Summit", "Granite",
            "Harbor", "Cedar", "Bright", "Iron", "Crescent", "Pioneer", "Atlas", "Evergreen", "Redwood", "Lakeside",
            "Prairie", "Coastal", "Union", "Keystone", "Liberty", "Meridian", "Orchard", "Sterling", "Beacon",
            "Vertex", "Aurora", "Falcon", "Maple", "Copper", "Riverbend");
    private static final List<String> NOUNS = List.of("Analytics", "Logistics", "Health", "Systems", "Foods",
            "Energy", "Labs", "Bank", "Insurance", "Media", "Networks", "Robotics", "Pharma", "Retail", "Capital",
            "Motors", "Learning", "Telecom", "Software", "Partners", "Materials", "Foundry", "Clinics", "Freight");
    private static final List<String> NA_SUFFIXES = List.of("Inc", "LLC", "Corp", "Group", "Holdings", "Co");
    private static final List<String> EMEA_SUFFIXES = List.of("Ltd", "GmbH", "SA", "BV", "AG", "plc", "SAS");
    private static final List<String> APAC_SUFFIXES = List.of("Pte Ltd", "Pty Ltd", "KK", "Ltd", "Holdings");
    private static final List<String> LATAM_SUFFIXES = List.of("SA", "Ltda", "SA de CV", "SpA");

    static final List<String> INDUSTRIES = List.of("Software", "Telecom", "Financial Services", "Healthcare",
            "Manufacturing", "Retail", "Education", "Public Sector", "Professional Services", "Energy", "Media",
            "Logistics");
    private static final double[] INDUSTRY_WEIGHTS = {18, 8, 14, 12, 12, 8, 6, 5, 7, 4, 3, 3};

    static String person(Rng rng) {
        return rng.pick(FIRST) + " " + rng.pick(LAST);
    }

    static String company(Rng rng, String region) {
        List<String> suffixes = switch (region) {
            case Geography.EMEA -> EMEA_SUFFIXES;
            case Geography.APAC -> APAC_SUFFIXES;
            case Geography.LATAM -> LATAM_SUFFIXES;
            default -> NA_SUFFIXES;
        };
        return rng.pick(ADJECTIVES) + " " + rng.pick(NOUNS) + " " + rng.pick(suffixes);
    }

    static String industry(Rng rng) {
        return rng.pick(INDUSTRIES, INDUSTRY_WEIGHTS);
    }

    private Names() {
    }
}
