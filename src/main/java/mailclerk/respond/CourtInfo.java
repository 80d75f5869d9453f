package mailclerk.respond;

import mailclerk.config.Settings;

/** The court's contact details as replies state them: from configuration, never hard-coded. */
public record CourtInfo(String name, String website, String phone, String hours, String pacerWebsite,
                        String pacerPhone) {

    public static CourtInfo from(Settings s) {
        return new CourtInfo(
                s.get("court.name", "United States Bankruptcy Court, Southern District of Iowa"),
                s.get("court.website", "www.iasb.uscourts.gov"),
                s.get("court.phone", "(515) 284-6230"),
                s.get("court.hours", "8:00 a.m. to 4:30 p.m. Central, Monday through Friday"),
                s.get("court.pacer-website", "www.pacer.gov"),
                s.get("court.pacer-phone", "(800) 676-6856"));
    }
}
