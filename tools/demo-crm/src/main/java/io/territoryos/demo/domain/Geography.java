package io.territoryos.demo.domain;

import java.util.List;
import java.util.Map;

/** Regions of the demo CRM and the cities its accounts sit in (country code, latitude, longitude). */
final class Geography {

    record City(String name, String country, double lat, double lon) {
    }

    static final String NA_EAST = "NA-EAST";
    static final String NA_WEST = "NA-WEST";
    static final String EMEA = "EMEA";
    static final String APAC = "APAC";
    static final String LATAM = "LATAM";

    private static final Map<String, List<City>> CITIES = Map.of(
            NA_EAST, List.of(
                    new City("New York", "US", 40.7128, -74.0060), new City("Boston", "US", 42.3601, -71.0589),
                    new City("Philadelphia", "US", 39.9526, -75.1652), new City("Atlanta", "US", 33.7490, -84.3880),
                    new City("Miami", "US", 25.7617, -80.1918), new City("Washington", "US", 38.9072, -77.0369),
                    new City("Charlotte", "US", 35.2271, -80.8431), new City("Chicago", "US", 41.8781, -87.6298),
                    new City("Toronto", "CA", 43.6532, -79.3832), new City("Montreal", "CA", 45.5019, -73.5674)),
            NA_WEST, List.of(
                    new City("San Francisco", "US", 37.7749, -122.4194), new City("Los Angeles", "US", 34.0522, -118.2437),
                    new City("Seattle", "US", 47.6062, -122.3321), new City("Denver", "US", 39.7392, -104.9903),
                    new City("Phoenix", "US", 33.4484, -112.0740), new City("Portland", "US", 45.5152, -122.6784),
                    new City("San Diego", "US", 32.7157, -117.1611), new City("Austin", "US", 30.2672, -97.7431),
                    new City("Salt Lake City", "US", 40.7608, -111.8910), new City("Vancouver", "CA", 49.2827, -123.1207)),
            EMEA, List.of(
                    new City("London", "GB", 51.5074, -0.1278), new City("Paris", "FR", 48.8566, 2.3522),
                    new City("Berlin", "DE", 52.5200, 13.4050), new City("Munich", "DE", 48.1351, 11.5820),
                    new City("Amsterdam", "NL", 52.3676, 4.9041), new City("Madrid", "ES", 40.4168, -3.7038),
                    new City("Milan", "IT", 45.4642, 9.1900), new City("Stockholm", "SE", 59.3293, 18.0686),
                    new City("Dublin", "IE", 53.3498, -6.2603), new City("Zurich", "CH", 47.3769, 8.5417),
                    new City("Dubai", "AE", 25.2048, 55.2708), new City("Johannesburg", "ZA", -26.2041, 28.0473)),
            APAC, List.of(
                    new City("Singapore", "SG", 1.3521, 103.8198), new City("Sydney", "AU", -33.8688, 151.2093),
                    new City("Melbourne", "AU", -37.8136, 144.9631), new City("Tokyo", "JP", 35.6762, 139.6503),
                    new City("Seoul", "KR", 37.5665, 126.9780), new City("Bangalore", "IN", 12.9716, 77.5946),
                    new City("Mumbai", "IN", 19.0760, 72.8777), new City("Hong Kong", "HK", 22.3193, 114.1694),
                    new City("Auckland", "NZ", -36.8485, 174.7633)),
            LATAM, List.of(
                    new City("Sao Paulo", "BR", -23.5505, -46.6333), new City("Mexico City", "MX", 19.4326, -99.1332),
                    new City("Buenos Aires", "AR", -34.6037, -58.3816), new City("Bogota", "CO", 4.7110, -74.0721),
                    new City("Santiago", "CL", -33.4489, -70.6693), new City("Lima", "PE", -12.0464, -77.0428)));

    private static final Map<String, String> SHORT_NAMES =
            Map.of(NA_EAST, "east", NA_WEST, "west", EMEA, "emea", APAC, "apac", LATAM, "latam");

    static City city(String region, Rng rng) {
        return rng.pick(CITIES.get(region));
    }

    /** Lowercase region tag for team names: NA-EAST becomes "east". */
    static String shortName(String region) {
        return SHORT_NAMES.get(region);
    }

    private Geography() {
    }
}
