/**
 * Capitalised words the message guard (`personal-details.server.ts`) must not take for a person's full name although
 * they begin with a common family name: landmarks, the people streets, schools and parks are named after, common
 * phrases and street names of drugs. The administrative units (34 provinces, 3,321 communes and their pre-2025 names)
 * are checked apart, from the admin-units data: "Hoàng Mai", "Lê Lợi", "Nguyễn Trãi" are wards.
 *
 * Short on purpose: each entry is a false positive seen in the messages a worried parent or a student writes, and a
 * real person may carry one of these names (the guard then stays silent, which only means it asks less).
 */

/** Lakes and other landmarks whose names begin with a family name ("Hồ" is also the word for a lake). */
const LANDMARKS = [
  'Hồ Gươm',
  'Hồ Tây',
  'Hồ Hoàn Kiếm',
  'Hồ Trúc Bạch',
  'Hồ Thiền Quang',
  'Hồ Xuân Hương',
  'Hồ Con Rùa',
  'Hồ Tuyền Lâm',
  'Hồ Núi Cốc',
  'Hồ Thác Bà',
  'Hồ Dầu Tiếng',
  'Hồ Trị An',
  'Hồ Kẻ Gỗ',
  'Hồ Đại Lải',
  'Hồ Bảy Mẫu',
  'Hồ Ba Bể',
  'Hồ Kỳ Hòa',
  'Hoàng thành Thăng Long',
  'Tô Lịch',
  'Bùi Viện',
  'Tạ Hiện',
  'Lê Văn Tám',
  'Trịnh Công Sơn',
];

/**
 * Historical figures the country names streets, schools, parks and wards after (those that are not a ward's name
 * already): in a message they are nearly always a place.
 */
const NAMESAKES = [
  'Hồ Chí Minh',
  'Trần Hưng Đạo',
  'Lý Thường Kiệt',
  'Lý Thái Tổ',
  'Lý Tự Trọng',
  'Lê Thánh Tông',
  'Lê Duẩn',
  'Lê Hồng Phong',
  'Lê Lai',
  'Trần Phú',
  'Trần Nhân Tông',
  'Trần Quốc Toản',
  'Trần Khánh Dư',
  'Trần Đại Nghĩa',
  'Nguyễn Huệ',
  'Nguyễn Thị Minh Khai',
  'Nguyễn Văn Cừ',
  'Nguyễn Văn Linh',
  'Nguyễn Văn Trỗi',
  'Nguyễn Thái Học',
  'Nguyễn Bỉnh Khiêm',
  'Nguyễn Đình Chiểu',
  'Nguyễn Chí Thanh',
  'Phan Bội Châu',
  'Phan Chu Trinh',
  'Phan Đình Phùng',
  'Phạm Ngũ Lão',
  'Phạm Văn Đồng',
  'Hoàng Hoa Thám',
  'Hoàng Diệu',
  'Võ Nguyên Giáp',
  'Võ Văn Kiệt',
  'Võ Thị Sáu',
  'Đinh Tiên Hoàng',
  'Đinh Bộ Lĩnh',
  'Ngô Quyền',
  'Lương Thế Vinh',
];

/** Phrases that begin with a family name when written with capitals. */
const PHRASES = ['Đoàn Thanh niên', 'Vương quốc Anh', 'Đoàn Trường', 'Đoàn Thanh niên Cộng sản Hồ Chí Minh'];

/** Street names of drugs, as people write them after "tên là", "called" or "named". */
const DRUG_NAMES = [
  'Nước Vui',
  'Happy Water',
  'Cỏ Mỹ',
  'Tem Giấy',
  'Bóng Cười',
  'Khí Cười',
  'Thuốc Lắc',
  'Ma Túy Đá',
  'Hồng Phiến',
  'Lá Khát',
  'Muối Tắm',
  'Nấm Thần',
  'Kẹo Ke',
  'Crystal Meth',
  'Zombie Vape',
  'Laughing Gas',
];

/** Every entry, as written (the guard folds them once). */
export const NOT_PERSON_NAMES: readonly string[] = [...LANDMARKS, ...NAMESAKES, ...PHRASES, ...DRUG_NAMES];

/**
 * English nouns that make the capitalised words before them a place: "Tran Hung Dao Street", "Le Van Tam Park". A
 * street named after someone is not a person; with a house number it is an address, which the guard flags as one.
 */
export const PLACE_NOUNS_AFTER = [
  'street',
  'st',
  'road',
  'rd',
  'avenue',
  'ave',
  'boulevard',
  'blvd',
  'lane',
  'alley',
  'bridge',
  'lake',
  'park',
  'market',
  'square',
  'school',
  'university',
  'college',
  'hospital',
  'ward',
  'district',
  'commune',
  'province',
  'city',
  'station',
  'temple',
  'pagoda',
  'museum',
  'beach',
  'island',
] as const;
