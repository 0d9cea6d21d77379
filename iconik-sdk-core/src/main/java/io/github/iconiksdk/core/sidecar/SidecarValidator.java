// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.metadata.FieldOption;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataField;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.metadata.MetadataView;
import io.github.iconiksdk.api.metadata.MetadataViewSource;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks and normalises a sidecar's values against a metadata view (the storage's "Sidecar Metadata View"). Each
 * problem is reported with its field and the rest still applies:
 * <ul>
 *   <li>a field not in the view is dropped;</li>
 *   <li>a drop-down value must be one of the field's option keys;</li>
 *   <li>booleans become {@code true}/{@code false} (from {@code true/false}, {@code yes/no}, {@code 1/0}, any
 *       case); dates become {@code YYYY-MM-DD} (from {@code YYYY-MM-DD}, {@code YYYY/MM/DD}, {@code YYYYMMDD} or an
 *       ISO date-time); date-times must be ISO 8601;</li>
 *   <li>integers and floats must parse (and fit the field's bounds) and keep their text, trimmed;</li>
 *   <li>e-mail and URL values must look like one;</li>
 *   <li>a single-value field given several values keeps the first.</li>
 * </ul>
 * Scores are kept. Thread-safe and immutable.
 */
public final class SidecarValidator {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private final MetadataView view;

    private SidecarValidator(MetadataView view) {
        this.view = view;
    }

    /**
     * A validator for one view.
     *
     * @param view the metadata view
     * @return the validator
     * @throws NullPointerException if {@code view} is null
     */
    public static SidecarValidator of(MetadataView view) {
        return new SidecarValidator(Objects.requireNonNull(view, "view"));
    }

    /**
     * A validator for a view fetched from a source (for example iconik through the REST client).
     *
     * @param source where views come from
     * @param viewId the storage's {@code metadata_view_id}
     * @return the validator
     * @throws io.github.iconiksdk.api.IconikException as the source does when the view cannot be fetched
     */
    public static SidecarValidator of(MetadataViewSource source, String viewId) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(viewId, "viewId");
        return of(source.view(viewId));
    }

    /** @return the view values are checked against */
    public MetadataView view() {
        return view;
    }

    /**
     * Checks and normalises values.
     *
     * @param values a sidecar's values
     * @return the values that fit, normalised, and the problems
     * @throws NullPointerException if {@code values} is null
     */
    public ValidationResult validate(MetadataValues values) {
        Objects.requireNonNull(values, "values");
        MetadataValues.Builder kept = MetadataValues.builder();
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, List<FieldValue>> entry : values.fields().entrySet()) {
            String name = entry.getKey();
            MetadataField field = view.field(name).orElse(null);
            if (field == null) {
                problems.add(new FieldProblem(name, null, "not a field of metadata view \"" + view.name()
                        + "\"; dropped"));
                continue;
            }
            kept.field(name);
            int accepted = 0;
            for (FieldValue value : entry.getValue()) {
                String reason;
                String normal;
                try {
                    normal = normalise(field, value.value());
                    reason = null;
                } catch (IllegalArgumentException e) {
                    normal = null;
                    reason = e.getMessage();
                }
                if (reason != null) {
                    problems.add(new FieldProblem(name, value.value(), reason));
                } else if (accepted > 0 && !field.multi()) {
                    problems.add(new FieldProblem(name, value.value(), "the field takes one value; only the first"
                            + " is kept"));
                } else {
                    kept.add(name, new FieldValue(normal, value.score()));
                    accepted++;
                }
            }
        }
        return new ValidationResult(kept.build(), problems);
    }

    private static String normalise(MetadataField field, String value) {
        String v = value.trim();
        switch (field.type()) {
            case BOOLEAN:
                return bool(v);
            case DATE:
                return date(v).toString();
            case DATETIME:
                return dateTime(v);
            case INTEGER:
                if (!INTEGER.matcher(v).matches()) {
                    throw new IllegalArgumentException("not an integer");
                }
                bounds(field, new BigDecimal(v));
                return v;
            case FLOAT:
                BigDecimal number;
                try {
                    number = new BigDecimal(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number");
                }
                bounds(field, number);
                return v;
            case DROP_DOWN:
                for (FieldOption option : field.options()) {
                    if (option.value().equals(value)) {
                        return value;
                    }
                }
                throw new IllegalArgumentException("not one of the option keys " + keys(field));
            case EMAIL:
                if (!EMAIL.matcher(v).matches()) {
                    throw new IllegalArgumentException("not an e-mail address");
                }
                return v;
            case URL:
                try {
                    URI uri = new URI(v);
                    if (!uri.isAbsolute()) {
                        throw new IllegalArgumentException("not an absolute URL");
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("not a URL: " + e.getReason());
                }
                return v;
            default:
                return value; // text keeps its spaces
        }
    }

    private static String keys(MetadataField field) {
        List<String> keys = new ArrayList<>();
        field.options().forEach(o -> keys.add(o.value()));
        return keys.size() > 20 ? keys.subList(0, 20) + " (and " + (keys.size() - 20) + " more)" : keys.toString();
    }

    private static void bounds(MetadataField field, BigDecimal number) {
        if (field.minValue() != null && number.compareTo(BigDecimal.valueOf(field.minValue())) < 0) {
            throw new IllegalArgumentException("below the field's minimum " + field.minValue());
        }
        if (field.maxValue() != null && number.compareTo(BigDecimal.valueOf(field.maxValue())) > 0) {
            throw new IllegalArgumentException("above the field's maximum " + field.maxValue());
        }
    }

    private static String bool(String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1":
                return "true";
            case "false": case "no": case "0":
                return "false";
            default:
                throw new IllegalArgumentException("not a yes/no value (true/false, yes/no, 1/0)");
        }
    }

    private static LocalDate date(String v) {
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, SLASHED, COMPACT)) {
            try {
                return LocalDate.parse(v, f);
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        try {
            return OffsetDateTime.parse(v).toLocalDate();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(v).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (YYYY-MM-DD)");
        }
    }

    private static String dateTime(String v) {
        try {
            return OffsetDateTime.parse(v).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(v).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO 8601 date-time");
        }
    }
}
