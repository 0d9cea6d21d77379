// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.core.sidecar;

import io.github.iconiksdk.api.NotFoundException;
import io.github.iconiksdk.api.metadata.FieldOption;
import io.github.iconiksdk.api.metadata.FieldType;
import io.github.iconiksdk.api.metadata.FieldValue;
import io.github.iconiksdk.api.metadata.MetadataField;
import io.github.iconiksdk.api.metadata.MetadataValues;
import io.github.iconiksdk.api.metadata.MetadataView;
import io.github.iconiksdk.api.metadata.MetadataViewSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarValidatorTest {

    static final MetadataView VIEW = new MetadataView("view-1", "Sidecar view", List.of(
            MetadataField.of("project", FieldType.STRING, false),
            MetadataField.of("keywords", FieldType.TAG_CLOUD, true),
            MetadataField.of("approved", FieldType.BOOLEAN, false),
            MetadataField.of("shoot_date", FieldType.DATE, false),
            MetadataField.of("recorded", FieldType.DATETIME, false),
            new MetadataField("takes", "Takes", FieldType.INTEGER, false, List.of(), 0.0, 99.0),
            MetadataField.of("gain", FieldType.FLOAT, false),
            new MetadataField("camera", "Camera", FieldType.DROP_DOWN, true,
                    List.of(new FieldOption("a_cam", "A camera"), new FieldOption("b_cam", "B camera")), null, null),
            MetadataField.of("contact", FieldType.EMAIL, false),
            MetadataField.of("link", FieldType.URL, false),
            MetadataField.of("custom", FieldType.fromWire("geo_point"), false)));

    private static ValidationResult check(String field, String... values) {
        MetadataValues.Builder b = MetadataValues.builder();
        for (String v : values) {
            b.add(field, v);
        }
        return SidecarValidator.of(VIEW).validate(b.build());
    }

    private static List<String> kept(ValidationResult r, String field) {
        return r.values().values(field).stream().map(FieldValue::value).toList();
    }

    @Test
    void booleans_normaliseToTrueFalse() {
        for (String yes : List.of("yes", "YES", "True", "1", "Yes")) {
            assertEquals(List.of("true"), kept(check("approved", yes), "approved"), yes);
        }
        for (String no : List.of("no", "False", "0")) {
            assertEquals(List.of("false"), kept(check("approved", no), "approved"), no);
        }
        ValidationResult bad = check("approved", "maybe");
        assertEquals(List.of(), kept(bad, "approved"));
        assertEquals("approved", bad.problems().get(0).field());
        assertTrue(bad.problems().get(0).toString().contains("\"maybe\""));
    }

    @Test
    void dates_normaliseToIsoDate() {
        for (String d : List.of("2024-03-07", "2024/03/07", "20240307", "2024-03-07T10:15:00Z",
                "2024-03-07T10:15:00")) {
            assertEquals(List.of("2024-03-07"), kept(check("shoot_date", d), "shoot_date"), d);
        }
        assertEquals(1, check("shoot_date", "07.03.2024").problems().size());
        assertEquals(1, check("shoot_date", "2024-02-30").problems().size());
        assertEquals(List.of("2024-03-07T10:15:00+01:00"),
                kept(check("recorded", "2024-03-07T10:15+01:00"), "recorded"));
        assertEquals(1, check("recorded", "yesterday").problems().size());
    }

    @Test
    void numbers_keepTheirText_withinBounds() {
        assertEquals(List.of("42"), kept(check("takes", " 42 "), "takes"));
        assertTrue(check("takes", "4.5").problems().get(0).reason().contains("integer"));
        assertTrue(check("takes", "100").problems().get(0).reason().contains("maximum"));
        assertTrue(check("takes", "-1").problems().get(0).reason().contains("minimum"));
        assertEquals(List.of("-3.5e2"), kept(check("gain", "-3.5e2"), "gain"));
        assertEquals(1, check("gain", "loud").problems().size());
    }

    @Test
    void dropDown_acceptsOptionKeysOnly() {
        ValidationResult r = check("camera", "a_cam", "B camera", "b_cam");
        assertEquals(List.of("a_cam", "b_cam"), kept(r, "camera"));
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).reason().contains("[a_cam, b_cam]"), r.problems().get(0).reason());
    }

    @Test
    void fieldNotInView_isDropped_andTheRestStillApplies() {
        MetadataValues values = MetadataValues.builder().add("project", "Harbour Doc").add("Shoot Day", "x")
                .add("keywords", "drone").add("keywords", "sunset").build();

        ValidationResult r = SidecarValidator.of(VIEW).validate(values);

        assertEquals(MetadataValues.builder().add("project", "Harbour Doc").add("keywords", "drone")
                .add("keywords", "sunset").build(), r.values());
        assertEquals(1, r.problems().size());
        assertEquals("Shoot Day", r.problems().get(0).field());
        assertTrue(r.problems().get(0).reason().contains("Sidecar view"));
    }

    @Test
    void singleValueField_keepsTheFirstValue() {
        ValidationResult r = check("project", "one", "two");
        assertEquals(List.of("one"), kept(r, "project"));
        assertEquals("two", r.problems().get(0).value());
    }

    @Test
    void textKeepsSpaces_emailUrlAndUnknownTypes() {
        assertEquals(List.of("  Harbour  "), kept(check("project", "  Harbour  "), "project"));
        assertTrue(check("contact", "kim@example.org").isClean());
        assertEquals(1, check("contact", "kim at example").problems().size());
        assertTrue(check("link", "https://example.org/a?b=c").isClean());
        assertEquals(1, check("link", "example.org/a").problems().size());
        assertTrue(check("custom", "52.1,4.3").isClean());
    }

    @Test
    void scoresAndEmptyFieldsSurvive() {
        MetadataValues values = MetadataValues.builder().add("keywords", new FieldValue("car", 0.9))
                .field("project").build();
        ValidationResult r = SidecarValidator.of(VIEW).validate(values);
        assertEquals(values, r.values());
    }

    @Test
    void viewFromIconikJson_validatesLikeTheBuiltView() {
        MetadataView view = MetadataViews.fromJson("{\"id\": \"v9\", \"name\": \"Sidecar view\","
                + " \"date_created\": \"2024-01-01T00:00:00Z\", \"view_fields\": ["
                + "{\"name\": \"camera\", \"label\": \"Camera\", \"field_type\": \"drop_down\", \"multi\": true,"
                + " \"options\": [{\"label\": \"A camera\", \"value\": \"a_cam\"}]},"
                + "{\"name\": \"takes\", \"label\": \"Takes\", \"field_type\": \"integer\", \"max_value\": 9},"
                + "{\"name\": \"where\", \"label\": \"Where\", \"field_type\": \"geo\", \"read_only\": null}]}");

        assertEquals("v9", view.id());
        assertEquals(FieldType.DROP_DOWN, view.field("camera").orElseThrow().type());
        assertEquals(FieldType.UNKNOWN, view.field("where").orElseThrow().type());
        ValidationResult r = SidecarValidator.of(view).validate(MetadataValues.builder().add("camera", "a_cam")
                .add("camera", "A camera").add("takes", "12").add("where", "x").build());
        assertEquals(List.of("a_cam"), kept(r, "camera"));
        assertEquals(List.of("x"), kept(r, "where"));
        assertEquals(2, r.problems().size());
        assertThrows(IllegalArgumentException.class, () -> MetadataViews.fromJson("{\"id\": \"v\","
                + " \"view_fields\": [{\"label\": \"no name\"}]}"));
        assertThrows(IllegalArgumentException.class, () -> MetadataViews.fromJson("{\"id\": "));
    }

    @Test
    void viewFromASource_andItsFailuresPassThrough() {
        MetadataViewSource source = id -> {
            if (id.equals("view-1")) {
                return VIEW;
            }
            throw new NotFoundException("no metadata view " + id, 404, List.of(), null, java.util.Map.of());
        };
        assertEquals(VIEW, SidecarValidator.of(source, "view-1").view());
        assertThrows(NotFoundException.class, () -> SidecarValidator.of(source, "view-2"));
    }
}
