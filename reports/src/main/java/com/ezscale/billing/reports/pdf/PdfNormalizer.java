package com.ezscale.billing.reports.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * Makes a rendered PDF a function of its content. The PDF library (OpenPDF under Jasper) stamps
 * each file with the current time, a time-seeded file id and random six-letter tags on the
 * embedded font subsets; this rewrites the three (with PDFBox) from the document itself: its
 * creation and modification dates become the moment it was issued, the file id a hash of its
 * number, the subset tags a count in the order the fonts appear.
 */
final class PdfNormalizer {

    private static final Pattern SUBSET_TAG = Pattern.compile("^([A-Z]{6})\\+(.*)$");

    private PdfNormalizer() {}

    static byte[] normalize(byte[] pdf, Instant created, String number) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Calendar at = GregorianCalendar.from(created.atZone(ZoneOffset.UTC));
            PDDocumentInformation info = document.getDocumentInformation();
            info.setCreationDate(at);
            info.setModificationDate(at);
            info.setProducer("EZSCALE Billing (JasperReports, OpenPDF)");
            retagFontSubsets(document);
            byte[] id = Arrays.copyOf(sha256(number), 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not normalise the PDF of " + number, e);
        }
    }

    private static void retagFontSubsets(PDDocument document) {
        List<COSObject> objects =
                new ArrayList<>(document.getDocument().getXrefTable().size());
        document.getDocument().getXrefTable().keySet().stream()
                .sorted(Comparator.naturalOrder())
                .forEach(key -> objects.add(document.getDocument().getObjectFromPool(key)));
        Map<String, String> tags = new LinkedHashMap<>();
        for (COSObject object : objects) {
            COSBase base = object.getObject();
            if (base instanceof COSDictionary dictionary) {
                retag(dictionary, COSName.BASE_FONT, tags);
                retag(dictionary, COSName.FONT_NAME, tags);
            }
        }
    }

    private static void retag(COSDictionary dictionary, COSName key, Map<String, String> tags) {
        String name = dictionary.getNameAsString(key);
        if (name == null) {
            return;
        }
        Matcher m = SUBSET_TAG.matcher(name);
        if (m.matches()) {
            String tag = tags.computeIfAbsent(m.group(1), t -> tag(tags.size()));
            dictionary.setName(key, tag + "+" + m.group(2));
        }
    }

    /** AAAAAA, AAAAAB, ...: six capital letters, as the PDF format wants a subset tag. */
    private static String tag(int n) {
        char[] letters = new char[6];
        for (int i = 5; i >= 0; i--) {
            letters[i] = (char) ('A' + n % 26);
            n /= 26;
        }
        return new String(letters);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
