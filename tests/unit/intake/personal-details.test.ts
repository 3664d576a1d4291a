/**
 * The message guard (issue 19, item 6): flags what looks like a full name, a phone or ID number, a home address or a
 * school in a request's message, and nothing in messages that carry no personal detail.
 */
import { describe, expect, it } from 'vitest';
import { findPersonalDetails, type PersonalDetailKind } from '#src/features/intake/personal-details.server.ts';

const kinds = (message: string): PersonalDetailKind[] => [
  ...new Set(findPersonalDetails(message).map((item) => item.kind)),
];

describe('the message guard flags details that identify someone', () => {
  it.each([
    ['Số căn cước của con tôi là 001203004567.', 'id-number', '001203004567'],
    ['CCCD: 001 203 004 567', 'id-number', '001 203 004 567'],
    ['Gọi cho tôi số 0912345678 nhé', 'phone', '0912345678'],
    ['Số của tôi 0912 345 678, buổi tối', 'phone', '0912 345 678'],
    ['call me on +84 912 345 678', 'phone', '+84 912 345 678'],
    ['Con tôi là Nguyễn Văn Minh, 16 tuổi.', 'full-name', 'Nguyễn Văn Minh'],
    ['Em tên là Thu Trang, em cần tư vấn', 'full-name', 'Thu Trang'],
    ['My son Tran Minh Duc started vaping', 'full-name', 'Tran Minh Duc'],
    ['my name is Anna Smith', 'full-name', 'Anna Smith'],
    ['Cháu học lớp 10 trường THPT Chu Văn An', 'school', 'trường THPT Chu Văn An'],
    ['Con học ở THCS Nguyễn Du từ năm ngoái', 'school', 'THCS Nguyễn Du'],
    ['She is in year 10 at Hanoi International School', 'school', 'Hanoi International School'],
    ['Nhà tôi ở số 12 ngõ 34 phố Huế', 'address', 'số 12 ngõ 34'],
    ['Nhà ở hẻm 45/7, gần chợ', 'address', 'hẻm 45/7'],
    ['Gia đình ở thôn Nà Lẹng', 'address', 'thôn Nà Lẹng'],
    ['We live at 12 Ly Thuong Kiet Street', 'address', '12 Ly Thuong Kiet Street'],
  ] as const)('%s → %s', (message, kind, text) => {
    expect(findPersonalDetails(message)).toContainEqual({ kind, text });
  });

  it('names every kind in one message, in a fixed order, each as written', () => {
    const message =
      'Con tôi Lê Thị Hoa, 15 tuổi, học trường THCS Kim Đồng, nhà số 7 ngõ 12, CCCD 001203004567, gọi 0987654321.';
    expect(kinds(message)).toEqual(['full-name', 'phone', 'id-number', 'address', 'school']);
  });

  it('does not take a 12-digit ID number for a phone number', () => {
    expect(kinds('001203004567')).toEqual(['id-number']);
  });
});

// Twenty messages a requester might write, with no detail that identifies anyone: none is flagged.
const CLEAN = [
  'Con tôi 16 tuổi dạo này hay bỏ học, thức khuya, tôi lo cháu dùng ma túy. Tôi nên nói chuyện với cháu thế nào?',
  'Chồng tôi dùng ma túy đá đã 2 năm, muốn cai nhưng sợ bị đưa vào trại. Có cách nào cai tại nhà không?',
  'Em 19 tuổi, có hút cần sa vài lần với bạn. Giờ em muốn dừng hẳn nhưng thấy khó ngủ.',
  'Tôi đang điều trị methadone ở tỉnh khác, sắp chuyển về quê. Làm sao để tiếp tục điều trị?',
  'Học sinh lớp tôi có em hút thuốc lá điện tử trong giờ ra chơi. Nhà trường nên làm gì?',
  'Bạn tôi uống rượu nhiều, hay say và đánh nhau. Tôi muốn giúp bạn nhưng không biết bắt đầu từ đâu.',
  'Tôi muốn được tư vấn vào buổi tối sau 19 giờ, vì ban ngày tôi đi làm.',
  'Con trai tôi mới đi cai về được 3 tháng, cháu cần việc làm. Có chương trình hỗ trợ nào không?',
  'Em sợ bố mẹ biết. Tư vấn có được giữ bí mật không ạ?',
  'Tôi ở Hà Nội, đi làm ở Hoàng Mai, muốn hỏi về xét nghiệm HIV miễn phí.',
  'Gia đình tôi ở Thành phố Hồ Chí Minh, muốn tìm nơi tư vấn gần quận cũ của mình.',
  'Trường học của con có nhiều bạn dùng vape. Tôi có nên báo cho cô giáo không?',
  'Tôi đã thử cai 3 lần, lần nào cũng tái nghiện sau khoảng 2 tuần. Tôi cần người nói chuyện.',
  'My teenage son has been vaping every day for a year. How do I start a conversation without a fight?',
  'I am a teacher and I think one of my students is using drugs. What should I do first?',
  'My brother wants to stop using heroin but is afraid of withdrawal. Is methadone available near us?',
  'We moved to Da Nang last year. Where can my partner get counselling in English?',
  'I work for an NGO and would like to refer clients. Do you accept requests on their behalf?',
  'Can I call you after 8 pm? I share a phone with my family, so please do not text.',
  'Lê lỏ đi chơi đêm, Trần nhà thì dột, tôi mệt mỏi lắm, chỉ muốn có người lắng nghe, khoảng 2 đến 3 lần một tuần.',
];

describe('the message guard leaves messages without personal details alone', () => {
  it('has twenty samples, Vietnamese and English', () => {
    expect(CLEAN).toHaveLength(20);
  });
  it.each(CLEAN.map((message) => [message]))('%s', (message) => {
    expect(findPersonalDetails(message)).toEqual([]);
  });
});

// Messages that name places, landmarks, streets named after historical figures, schools in general terms, a youth
// organisation and drugs, with no detail that identifies anyone (issue 19): none is flagged. A place is not a person;
// a street named after someone is no home address without a house number (thousands live on it).
const PLACES_AND_PHRASES = [
  'Con tôi hay ra Hồ Gươm chơi với bạn đến nửa đêm, tôi lo cháu bị rủ hút bóng cười.',
  'Tôi sống ở Hồ Chí Minh, muốn tìm chỗ điều trị methadone gần nhà.',
  'Nhà tôi ở Hà Nội, con trai học cấp 3 gần Hồ Tây, dạo này cháu hay về muộn.',
  'Cháu làm ở khu công nghiệp gần đường Nguyễn Trãi, hay đi với nhóm bạn dùng ma túy đá.',
  'Gia đình tôi ở Bà Rịa, con gái học đại học ở Bến Tre, tôi lo cháu dùng thuốc lắc.',
  'Tôi là một Mẹ Việt Nam như bao người mẹ khác, chỉ mong con khỏe mạnh và bỏ được Ketamine.',
  'Cháu học trường THPT gần nhà, bạn bè rủ hút thuốc lá điện tử trong giờ ra chơi.',
  'Con tôi hay tụ tập ở công viên Lê Văn Tám với nhóm bạn, có lần về nhà người lờ đờ.',
  'Tôi đưa con đi khám ở bệnh viện Bạch Mai, bác sĩ khuyên nên tìm người tư vấn.',
  'Gần Hồ Hoàn Kiếm có chỗ nào tư vấn cai nghiện vào buổi tối không ạ?',
  'Tôi ở Đà Lạt, gần Hồ Xuân Hương, con tôi hay đi chơi đêm ở khu chợ.',
  'Con tôi thích ra phố đi bộ Nguyễn Huệ mỗi tối cuối tuần, tôi sợ cháu uống nước vui.',
  'Ở gần tượng đài Lê Lợi có điểm tư vấn nào không? Tôi muốn hỏi cho em trai.',
  'Em là đoàn viên, Đoàn Thanh niên trường em muốn mời người nói chuyện về ma túy.',
  'Con học ở Lê Quý Đôn, bạn bè rủ dùng cần sa. Tôi nên nói gì với cháu?',
  'Em tôi làm ở Bùi Viện, tối nào cũng uống và có khi dùng cả Tem Giấy.',
  'Bạn tôi bán hàng ở Tạ Hiện, nói có người mời thử loại tên là Nước Vui.',
  'Tôi ở Hồ Ba Bể, Bắc Kạn, muốn đưa chồng đi điều trị methadone ở tỉnh.',
  'My son works near Nguyễn Trãi street and I think he takes ketamine at weekends.',
  'We live in Bà Rịa and my daughter studies in Vũng Tàu; her friends vape.',
  'My daughter goes to a high school in Ho Chi Minh City and her friends offered her a drink called Happy Water.',
  'We live near Tran Hung Dao Street in District 1. Is there counselling for teenagers nearby?',
  'My nephew lives on Võ Thị Sáu and smokes weed every day. His parents are worried.',
  'I study at a university in Hanoi and walk around Hoan Kiem Lake at night; people sell laughing gas there.',
  'My brother came back from the United Kingdom (Vương Quốc Anh, as my mother says) and drinks every night.',
];

describe('the message guard does not take places, landmarks or phrases for a person', () => {
  it('has at least twenty samples, Vietnamese and English', () => {
    expect(PLACES_AND_PHRASES.length).toBeGreaterThanOrEqual(20);
  });
  it.each(PLACES_AND_PHRASES.map((message) => [message]))('%s', (message) => {
    expect(findPersonalDetails(message)).toEqual([]);
  });

  it.each([
    ['Con tôi là Hồ Văn Nam, 17 tuổi, hay ra Hồ Gươm.', 'full-name', 'Hồ Văn Nam'],
    ['Em trai tôi là Trần Văn Hùng, ở Hồ Chí Minh.', 'full-name', 'Trần Văn Hùng'],
    ['My son Nguyen Van Nam hangs out near Hoan Kiem Lake.', 'full-name', 'Nguyen Van Nam'],
    ['Con tôi tên là Minh Khôi, học trường THPT gần nhà', 'full-name', 'Minh Khôi'],
    ['Nhà tôi ở số 12 Nguyễn Trãi, gần chợ', 'address', 'số 12 Nguyễn Trãi'],
    ['We live at 45 Nguyễn Trãi street, near the lake', 'address', '45 Nguyễn Trãi street'],
  ] as const)('still flags a person or a house beside places: %s', (message, kind, text) => {
    expect(findPersonalDetails(message)).toEqual([{ kind, text }]);
  });

  it('does not read an emergency number as a house number', () => {
    expect(findPersonalDetails('Tôi đã gọi số 115 Hà Nội nhưng không cần cấp cứu')).toEqual([]);
  });
});
